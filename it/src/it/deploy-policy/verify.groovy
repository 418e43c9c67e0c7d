import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check(log.contains('[maintenance-window] production runs migrations only in its maintenance windows'), 'held outside the window')
check(log.contains('1 migration(s) need approval in production (approval: high): 0002_drop_legacy_code up (high)'), 'held for approval')
check(log.contains('-Dmigrations.approvedBy=<reviewer> -Dmigrations.approve=2'), 'the refusal says what to pass')
expect('[[0001_create_orders], [0002_drop_legacy_code]]', db.rows('select name from orders_service.migrations_applied order by version').toString(), 'applied after approval')
expect('[[outside-window, null, hotfix-4711], [approve, 0002_drop_legacy_code, alice (high risk)]]',
        db.rows("select action, name, detail from orders_service.migrations_history where action in ('outside-window', 'approve') order by id").toString(), 'history')
def page = new File(basedir, 'migrations/docs/0002_drop_legacy_code.md')
check(page.isFile() && page.text.contains('| risk | high |'), 'docs page with its risk')
check(new File(basedir, 'migrations/docs/README.md').text.contains('| 0002 | [drop_legacy_code](0002_drop_legacy_code.md) | all | high | yes |'), 'docs index')
check(log.contains('Docs of orders-service are current'), 'check passes after docs')
return true
