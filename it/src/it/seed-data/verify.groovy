import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check(log.contains('1 migration(s) are pending in development (first: 0001_create_categories)'), 'the first seed waits for up')
check(log.contains('[2/2] seeds/development/0001_demo_categories.sql seeded in'), 'development seeds run after the common ones')
check(log.contains('Nothing to seed: 2 seed(s), none new or changed'), 'a second seed skips unchanged files')
check(log.contains('[2/2] seeds/production/0001_archive.sql seeded in'), 'reseed in production runs the common seed and its own')
expect('[[archive], [books], [demo], [music]]', db.rows('select slug from catalog_service.categories order by slug').toString(), 'seeded rows')
expect('[[seeds/0001_categories.sql, production], [seeds/development/0001_demo_categories.sql, development], [seeds/production/0001_archive.sql, production]]',
        db.rows('select name, environment from catalog_service.migrations_seeds order by name').toString(), 'seeds table')
return true
