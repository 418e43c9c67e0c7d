import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text

// user-service: 3 applied, the newest (no-transaction index) rolled back
expect('[[2, f]]', db.rows('select version, dirty from user_service.user_service_schema_migrations').toString(), 'user-service golang-migrate row')
expect('[[1], [2]]', db.rows('select version from user_service.migrations_applied order by version').toString(), 'user-service applied set')
expect('3', db.value("select count(*) from user_service.migrations_history where action = 'up' and outcome = 'success'"), 'user-service up history')
expect('[[3, down, success]]', db.rows("select version, action, outcome from user_service.migrations_history where action = 'down'").toString(), 'user-service down history')
expect('null', db.value("select to_regclass('user_service.users_email_key')"), 'index rolled back')
expect('user_service.user_profiles', db.value("select to_regclass('user_service.user_profiles')"), 'profiles table in the service schema')

// billing-service: 2 applied, newest rolled back
expect('[[1, f]]', db.rows('select version, dirty from billing_service.billing_service_schema_migrations').toString(), 'billing-service golang-migrate row')
expect('null', db.value("select to_regclass('billing_service.invoices')"), 'invoices rolled back')
expect('billing_service.accounts', db.value("select to_regclass('billing_service.accounts')"), 'accounts kept')

// a dry run's SQL as a file to review, per service, with the bookkeeping marked
def rollback = new File(basedir, 'billing-service/target/rollback.sql')
check(rollback.exists(), 'the dry run wrote ' + rollback)
check(rollback.text.contains('-- migrations:bookkeeping') && rollback.text.contains('drop table'), rollback.text)

// the history of each service: its attempts, newest first, with a summary
check((log =~ /ID\s+STARTED \(UTC\)\s+ENV\s+ACTION\s+MIGRATION/).find(), 'history table header')
check(log.contains('3 attempt(s) on schema billing_service, 0 failed'), 'history summary of billing-service')

// output a person can read and a machine can parse
check(!log.contains('has no migrations folder'), 'the aggregator, which is no service, is skipped without a word')
check(log.contains('[1/5] 0001_create_users applied in'), 'progress line, numbered over the reactor plan')
check(log.contains('[3/5] 0003_index_users_email applied in') && log.contains('(no-transaction)'), 'no-transaction progress line')
check((log =~ /VERSION\s+MIGRATION\s+ENV\s+STATE/).find(), 'status table header')
check(log.contains('"schema" : "billing_service"'), 'status JSON')
check((log =~ /(?m)^\{$/).find() && !log.contains('[INFO] "schema"'), 'status JSON on standard output, without log prefixes')
check(log.contains('0003_index_users_email rolled back in'), 'down progress line')
// a reactor run writes one report per service at the aggregator
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/migrations/up-user_service.json'))
expect('user-service', report.service, 'reactor report: service')
expect(true, report.ok, 'reactor report: ok')
check(report.steps.size() > 0 && report.steps.every { it.success }, 'reactor report: steps')
return true
