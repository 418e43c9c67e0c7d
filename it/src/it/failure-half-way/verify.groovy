import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
expect('[[1, f]]', db.rows('select version, dirty from orders_service.orders_service_schema_migrations').toString(), 'golang-migrate row')
expect('null', db.value("select to_regclass('orders_service.order_lines')"), 'nothing of the failed migration kept')
expect('[[1, up, success], [2, up, failed]]', db.rows('select version, action, outcome from orders_service.migrations_history order by id').toString(), 'history')
expect('23505', db.value("select sqlstate from orders_service.migrations_history where outcome = 'failed'"), 'SQLSTATE recorded')
check(log.contains('0002_create_order_lines.up.sql:3:1 [migration-failed]'), 'error names file and line')
// the run report is written for a failed run too, for CI to alert on
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/migrations/up-orders_service.json'))
expect(false, report.ok, 'report: not ok')
expect('orders-service', report.service, 'report: service')
expect([true, false], report.steps*.success, 'report: steps')
expect('migration-failed', report.problems[0].check, 'report: problem')
expect(3, report.problems[0].line, 'report: line')
return true
