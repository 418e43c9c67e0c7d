import dev.dbmigrations.it.ItDatabase

// the case's own database is the directory: it lists the two shards
def directory = ItDatabase.prepare(basedir)
def shards = (1..2).collect { directory.sibling("it_fleet_reactor_s${it}") }
directory.execute("create table public.shards (name text primary key, url text not null);" +
        shards.withIndex().collect { s, i -> "insert into public.shards values ('s${i + 1}', '${s.url()}');" }.join(''))
return true
