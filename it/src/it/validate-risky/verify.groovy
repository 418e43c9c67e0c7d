import static dev.dbmigrations.it.ItDatabase.check

def log = new File(basedir, 'build.log').text
def risky = new File(basedir, 'migrations/0002_add_plan.up.sql').path
// the finding with path:line:col, its fix under it, as a warning in development and an error in production
check(log.contains("[WARNING] ${risky}:3:16 [adding-not-nullable-field]"), 'warning in development')
check(log.contains("[ERROR] ${risky}:3:16 [adding-not-nullable-field]"), 'error in production')
check(log.contains('fix: add the column with a default'), 'fix printed under the finding')
check((log =~ /0002_add_plan\s+high\s+all/).find(), 'risk table')
check(log.contains('(ignored by a migrations:ignore directive)'), 'ignored finding shown as ignored')
check(log.contains("[ignore-directive] '-- migrations:ignore adding-not-nullable-field' has no reason"), 'ignore without reason')
check(new File(basedir, 'migrations-fixed/migrations.sum').text.contains('0002_add_plan.up.sql'), 'migrations.sum written')
def json = new File(basedir, 'target/migrations/validation.json')
check(json.isFile() && json.text.contains('"strictness" : "strict"'), 'JSON report')
check(new File(basedir, 'target/migrations/validation.sarif').text.contains('"version" : "2.1.0"'), 'SARIF report')
return true
