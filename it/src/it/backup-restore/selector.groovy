// the case needs pg_dump and pg_restore of the server's major version or newer; skipped with the reason otherwise
return dev.dbmigrations.it.ItDatabase.pgDumpUsable()
