import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def db = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'migrations')
def names = dir.list().findAll { it.endsWith('.sql') }.sort()
expect('[0001_create_products.down.sql, 0001_create_products.up.sql, 0002_add_sku_to_products.down.sql, 0002_add_sku_to_products.up.sql, '
        + '0003_add_sku_index_to_products.down.sql, 0003_add_sku_index_to_products.up.sql, 0004_create_products.down.sql, 0004_create_products.up.sql]',
        names.toString(), 'generated files, consecutive versions')
check(new File(dir, '0003_add_sku_index_to_products.up.sql').text.contains('products_sku_team_idx'), 'the team template overrides the packaged index')
check(new File(dir, '0004_create_products.up.sql').text.contains('create table if not exists products_audit'), 'the team adds a type')
check(log.contains("unknown variable \${owner}"), 'unknown variable in a custom template named')
check(log.contains('broken.up.sql:2:9 [template-variable]'), 'file, line and column of the unknown variable')
check(log.contains('-Dmigrations.name=add_prices'), 'a suggestion for a bad name')
check(log.contains('Next: edit 0001_create_products.up.sql'), 'next command printed')
check(new File(dir, 'README.md').text.contains('| 0002 | add_sku_to_products | all | yes | add products.sku. |'), 'README list')
check(new File(dir, 'dependencies.json').text.contains('"0002_add_sku_to_products"'), 'dependencies.json')
expect('[[4, f]]', db.rows('select version, dirty from catalog_service.catalog_service_schema_migrations').toString(), 'applied again after down')
expect('4', db.value("select count(*) from catalog_service.migrations_history where action = 'down' and outcome = 'success'"), 'down ran')
expect('catalog_service.products_sku_team_idx', db.value("select to_regclass('catalog_service.products_sku_team_idx')"), 'team index exists')
return true
