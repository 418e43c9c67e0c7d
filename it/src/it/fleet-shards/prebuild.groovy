import dev.dbmigrations.it.ItDatabase

// the case's own database is the directory: it lists the shards, one of them retired
def directory = ItDatabase.prepare(basedir)
def shards = (1..3).collect { directory.sibling("it_fleet_shards_s${it}") }
def retired = directory.sibling('it_fleet_shards_retired')
def sql = "create table shards (name text primary key, url text not null, active boolean not null);" +
        shards.withIndex().collect { s, i -> "insert into shards values ('s${i + 1}', '${s.url()}', true);" }.join('') +
        "insert into shards values ('s0', '${retired.url()}', false);"
directory.execute(sql)
return true
