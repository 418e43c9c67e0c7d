dev.dbmigrations.it.ItDatabase.prepare(basedir)
return true
