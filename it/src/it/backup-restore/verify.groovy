import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check(new File(basedir, 'target/manual.dump').length() > 0, 'the named backup was written')
// the default backup folder is in the user's home, out of mvn clean's reach
def home = new File(System.getProperty('user.home'), '.dbmigrations/backups')
def auto = home.listFiles().findAll { it.name.startsWith('ledger_service-') && it.name.endsWith('-before-down.dump') }
check(auto.size() == 1, 'the policy backed up before the down into ' + home + ': ' + auto)
check(log.contains('to ' + auto[0]), 'and said where it went')
auto.each { it.delete() }
check(log.contains('confirm with -Dmigrations.confirm=ledger_service'), 'restore asks for confirmation')
check(log.contains('Restored schema ledger_service from'), 'restore ran')
expect('[[2, f]]', db.rows('select version, dirty from ledger_service.ledger_service_schema_migrations').toString(), 'version of the backup')
expect('350', db.value('select sum(amount_cents) from ledger_service.entries'), 'rows of the backup')
expect('[[up], [up], [backup], [backup], [down], [restore]]',
        db.rows('select action from ledger_service.migrations_history order by id').toString(), 'history kept across the restore')
return true
