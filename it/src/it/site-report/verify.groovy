import static dev.dbmigrations.it.ItDatabase.check
import static dev.dbmigrations.it.ItDatabase.expect

def root = new File(basedir, 'target/site/migrations.html')
check(root.isFile(), 'the aggregator has the report: ' + root)
def html = root.text
check(html.contains('Database migrations'), 'the page is the migrations report')
// the overview of every service, then each service, the graph and each migration's page
check(html.contains('<a href="#orders-service">orders-service</a>') && html.contains('<a href="#customers-service">customers-service</a>'), 'both services in the overview')
check(html.contains('class="dbmigrations-graph"'), 'the dependency graph, drawn')
check(html.contains('<title>orders-service:0002_add_customer_fk</title>'), 'a box per migration in the graph')
check(html.count('marker-end="url(#arrow)"') >= 1, 'the cross-service requirement as an arrow')
check(html.contains('class="dbmigrations-bars"'), 'the chart of the slowest migrations')
check(html.contains('<td class="state-applied">applied</td>'), 'states read from the database')
check(html.contains('id="orders-service-0002_add_customer_fk"'), 'each migration has its page')
// the report itself has no script and loads nothing (the skin's own script is a local file of the site)
def report = html.substring(html.indexOf('<div class="dbmigrations-report">'), html.indexOf('<!-- end of the migrations report -->'))
check(!report.contains('<script') && !(report =~ /(src|href)="https?:/), 'the report needs no script and no network')
check(!(html =~ /<script[^>]+src="https?:/), 'no script from the network anywhere in the page')

def module = new File(basedir, 'orders-service/target/site/migrations.html')
check(module.isFile(), 'each service has its report: ' + module)
def one = module.text
check(one.contains('Database migrations: orders-service') && one.contains('0002_add_customer_fk'), 'the service report')
check(!one.contains('customers-service (schema'), 'a service page holds that service')
return true
