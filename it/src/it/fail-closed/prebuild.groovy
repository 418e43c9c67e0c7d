// Variants of the folder with broken policy files, and a report of an earlier run that said ok
dev.dbmigrations.it.ItDatabase.prepare(basedir)
def copy = { String name ->
    def to = new File(basedir, name)
    to.mkdirs()
    new File(basedir, 'migrations').eachFile { f -> new File(to, f.name).text = f.text }
    to
}
// a trailing comma: invalid JSON on line 3
new File(copy('migrations-broken-json'), 'environments.json').text = '''{
  "staging": {"lint": "strict"},
  "production": {"extends": "staging", "approval": "high",}
}
'''
// truncated: the requirement of 0002 never closes
new File(copy('migrations-bad-deps'), 'dependencies.json').text = '{"0002_drop_nickname": {"requires": ["0001_crea'
def reports = new File(basedir, 'target/migrations')
reports.mkdirs()
new File(reports, 'up-user_service.json').text = '{"command": "up", "ok": true, "note": "left by an earlier run"}'
return true
