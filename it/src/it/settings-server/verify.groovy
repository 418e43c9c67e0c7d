import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
expect('[[1, f]]', db.rows('select version, dirty from secrets_service.secrets_service_schema_migrations').toString(), 'applied with server credentials')
expect('postgres', db.value('select db_user from secrets_service.migrations_applied'), 'user from the settings server')
check(log.contains("Credentials from settings.xml server 'it-db-encrypted' (user postgres, password decrypted)"), 'encrypted server used')
check(log.contains("No server 'no-such-server' in settings.xml"), 'unknown server named')
check(log.contains('Cannot connect to jdbc:postgresql://127.0.0.1:1/postgres?password=****'), 'masked URL in the error')
check(!log.contains('it-Plain-Secret-4711'), 'settings.xml password never printed, even with -X')
check(!log.contains('it-Encrypted-Secret-2718'), 'decrypted password never printed, even with -X')
check(!log.contains('Url-Secret-0815'), 'URL password never printed')
return true
