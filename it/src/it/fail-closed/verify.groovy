import dev.dbmigrations.it.ItDatabase
import groovy.json.JsonSlurper
import static dev.dbmigrations.it.ItDatabase.check
import static dev.dbmigrations.it.ItDatabase.expect

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check((log =~ /migrations-broken-json.environments\.json:3:\d+ \[json\] invalid JSON/).find(), 'the trailing comma, with file and line')
check(log.contains('[unknown-environment] environment "prod" is not defined in environments.json, which defines staging, production'),
        'the unknown environment, with the ones there are')
check((log =~ /migrations-bad-deps.dependencies\.json:1:\d+ \[json\] invalid JSON/).find(), 'the truncated dependencies.json')
check((log =~ /the migrations folder \S*migratoins does not exist; it was set by migrations.dir/).find(), 'the missing folder')
check(!log.contains('Skipping migrations:up'), 'nothing skipped')
check(log.contains('Cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere'), 'the unreachable server')
expect('0', db.rows("select count(*) from pg_namespace where nspname = 'user_service'")[0][0].toString(),
        'nothing was run, not even the schema created')
def report = new JsonSlurper().parse(new File(basedir, 'target/migrations/up-user_service.json'))
expect(false, report.ok, 'the report of the failed run replaced the old one')
expect('run-failed', report.problems[0].check, 'and says why')
return true
