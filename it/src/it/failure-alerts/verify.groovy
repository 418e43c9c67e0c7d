import groovy.json.JsonSlurper
import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

System.properties.remove('it.failure-alerts.server')?.stop(0)
def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check(log.contains('0002_add_payments_currency.up.sql:2:1') && log.contains('[migration-failed]'), 'the build fails with the file and line')

def files = new File(basedir, 'received').listFiles().sort { it.name }
expect(2, files.size(), 'one request per webhook: ' + files*.name)
def generic = new JsonSlurper().parse(files.find { it.name.contains('_hooks_') })
expect('failure', generic.event, 'event')
expect('payments-service', generic.service, 'service')
expect('development', generic.environment, 'environment')
expect('0002_add_payments_currency', generic.migration, 'migration')
expect(2, generic.version, 'version')
expect('migrations/0002_add_payments_currency.up.sql', generic.file, 'file')
expect(2, generic.line, 'line (the statement: PostgreSQL gives no position for a missing relation here)')
check(generic.error.startsWith('[migration-failed]') && generic.error.contains('42P01'), 'error: ' + generic.error)
expect(db.value("select id from payments_service.migrations_history where outcome = 'failed'"), generic.historyId.toString(), 'history row id')
def slack = new JsonSlurper().parse(files.find { it.name.contains('_services_') })
check(slack.text.startsWith(':x: migrations:up failed for payments-service (development) at 0002_add_payments_currency'), 'slack text: ' + slack.text)
check(!log.contains('generic-secret-path') && !log.contains('slack-secret'), 'webhook URLs are secrets: never in the log')

def metrics = new File(basedir, 'target/migrations/dbmigrations_payments_service.prom').text
def labels = '{service="payments-service",schema="payments_service",environment="development"'
check(metrics.contains('dbmigrations_last_run_success' + labels + ',command="up"} 0\n'), 'last run failed:\n' + metrics)
check(metrics.contains('dbmigrations_migrations_applied_total' + labels + '} 1\n'), 'one applied')
check(metrics.contains('dbmigrations_migrations_failed_total' + labels + '} 1\n'), 'one failed')
check(metrics.contains('dbmigrations_pending_migrations' + labels + '} 1\n'), 'one pending')
check(metrics.contains('dbmigrations_schema_version' + labels + '} 1\n'), 'at version 1')
// the run report says the same for CI
expect(false, new JsonSlurper().parse(new File(basedir, 'target/migrations/up-payments_service.json')).ok, 'report: not ok')
return true
