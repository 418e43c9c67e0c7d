import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
expect('[[2, f]]', db.rows('select version, dirty from search_service.search_service_schema_migrations').toString(), 'forced and clean')
expect('[[1, applied], [2, forced]]', db.rows('select version, kind from search_service.migrations_applied order by version').toString(), 'applied set after force')
expect('1', db.value("select count(*) from search_service.migrations_history where action = 'force'"), 'force in history')
check(log.contains('Resuming 0002_index_documents after statement 1 of 2'), 'second up resumes the unchanged file at the failed statement')
check(log.contains('0002_index_documents.up.sql:3:'), 'failure names the line')
return true
