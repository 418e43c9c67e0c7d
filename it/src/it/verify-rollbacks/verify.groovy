import dev.dbmigrations.it.ItDatabase
import groovy.json.JsonSlurper
import static dev.dbmigrations.it.ItDatabase.check
import static dev.dbmigrations.it.ItDatabase.expect

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check((log =~ /0002_add_note\.down\.sql \[verify-restore\] 0002_add_note down does not give back the catalog from before its up: left behind by the down: column orders\.note text/).find(),
        'the broken down, with its file and what it leaves behind')
check(log.contains('0002_add_note  up ok  down ok (catalog NOT restored)'), 'a line per migration')
check(log.contains('0002_add_note  up ok  down ok (catalog restored)  up again ok'), 'the fixed folder is proven')
check((log =~ /\[2\/2\] 0002_add_note  up ok  \d+ ms/).find(), 'the syntax mode ran the ups only')
def report = new JsonSlurper().parse(new File(basedir, 'target/migrations/verify.json'))
expect(true, report.ok, 'the last run passed')
expect(2, report.migrations.size(), 'two migrations')
expect('0', db.rows("select count(*) from pg_namespace where nspname = 'orders_service'")[0][0].toString(),
        'the target database is never written')
expect('0', db.rows("select count(*) from pg_database where datname like 'dbmigrations\\_verify\\_%'")[0][0].toString(),
        'no scratch database is left')
def sarif = new JsonSlurper().parse(new File(basedir, 'target/migrations/verify.sarif'))
expect('2.1.0', sarif.version, 'SARIF beside the JSON')
return true
