dev.dbmigrations.it.ItDatabase.prepare(basedir, ['settings.security': new File(basedir, 'settings-security.xml').absolutePath])
return true
