import dev.dbmigrations.engine.execute.CatalogSnapshot
import dev.dbmigrations.it.ItDatabase
import groovy.json.JsonSlurper
import static dev.dbmigrations.it.ItDatabase.check
import static dev.dbmigrations.it.ItDatabase.expect

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check(!log.contains('BUILD FAILURE'), 'every step passed')
check(!log.contains('down-without-up') && !log.contains('[duplicate-version]'), 'the folder was taken as it is')

// goto 0 left nothing applied
def status = new JsonSlurper().parse(new File(basedir, 'target/after-goto-0.json'))
expect(null, status.version, 'goto 0: no version')
expect(7, status.migrations.size(), 'seven migrations')
check(status.migrations.every { it.state == 'pending' }, 'goto 0: every migration pending')

// rolled back twice (goto 0, down all) and applied three times in golang_app, every step recorded
def history = db.rows("select action, count(*) from golang_app.migrations_history where outcome = 'success'"
        + " and action in ('up', 'down') group by action order by action").toString()
expect('[[down, 14], [up, 21]]', history, 'history of the round trips')
expect('[[20240215093000, f]]', db.rows('select version, dirty from golang_app.golang_app_schema_migrations').toString(),
        'golang-migrate row')

// the schema after the round trips is the schema of a single up
def normalize = { CatalogSnapshot s -> s.lines().collect { it.replace(s.schema(), 'S') } }
new org.postgresql.Driver().connect(db.url(), new Properties()).withCloseable { c ->
    def tracking = { String schema -> CatalogSnapshot.trackingObjects(schema, schema + '_schema_migrations') }
    def ref = CatalogSnapshot.take(c, 'golang_app_ref', tracking('golang_app_ref'))
    def app = CatalogSnapshot.take(c, 'golang_app', tracking('golang_app'))
    check(ref.lines().size() > 10, 'the reference schema has its objects: ' + ref.lines())
    expect(normalize(ref), normalize(app), 'identical schemas')
}
expect('[[admin], [member]]', db.rows('select name from golang_app.roles order by 1').toString(), 'the CRLF file without a final semicolon')
check(log.contains('[pair-name]'), 'validate warns about the pair with two names')
check((log =~ /Schema golang_app: 7 applied migration\(s\) replayed on dbmigrations_verify_\S+ \(temporary, on [^)]*\); no drift/).find(),
        'drift replays the applied migrations and finds the schema as they made it')
return true
