import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
// step 1: one plan, interleaved: customers' 0001 before orders' 0002
def order = db.rows("select name from (select name, id, started_at from orders_service.migrations_history where action = 'up'"
        + " union all select name, id, started_at from customers_service.migrations_history where action = 'up') h order by started_at, id")
        .collect { it[0] }
expect('[0001_create_orders, 0001_create_customers, 0002_add_customer_fk]', order.toString(), 'apply order')
// step 2: the graph
def mmd = new File(basedir, 'target/migrations/dependencies.mmd').text
check(mmd.startsWith('graph TD') && mmd.contains('m_orders_service_2 --> m_customers_service_1'), 'mermaid graph with the cross-service edge')
// step 3: refused, naming the dependant
check(log.contains('[has-dependants] cannot roll back customers-service:0001_create_customers: applied migrations require it: orders-service:2'),
        'down refuses and names the dependant')
// step 4: cascade: the dependant first, then the rest; nothing left
expect('[]', db.rows('select version from orders_service.migrations_applied').toString(), 'orders rolled back')
expect('[]', db.rows('select version from customers_service.migrations_applied').toString(), 'customers rolled back')
expect('null', db.value("select to_regclass('customers_service.customers')"), 'as if never run')
def downs = db.rows("select name from (select name, id, started_at from orders_service.migrations_history where action = 'down'"
        + " union all select name, id, started_at from customers_service.migrations_history where action = 'down') h order by started_at, id")
        .collect { it[0] }
check(downs.indexOf('0002_add_customer_fk') < downs.indexOf('0001_create_customers'), 'dependant rolled back first: ' + downs)
// step 5: a cycle fails the build
check(log.contains('[cycle] dependency cycle:'), 'cycle reported')
return true
