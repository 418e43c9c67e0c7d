import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

// Every ```bash block of docs/getting-started.md, in order, as one script in a fresh folder. The page's
// URLs become this case's databases, and mvn runs in batch mode on the Invoker's local repository;
// nothing else is changed. CI is unset: the page is a developer's first hour, not a CI job.
def page = new File(basedir, '../../../../docs/getting-started.md').text
def blocks = (page =~ /(?ms)^```bash\n(.*?)^```$/).collect { it[1] }
check(blocks.size() >= 8, 'the page has its walk-through: ' + blocks.size() + ' blocks')

def db = ItDatabase.of(basedir)
def production = db.sibling('catalog_production_it')
def xml = { String url -> url.replace('&', '&amp;') }
def script = blocks.join('\n')
        .replace('jdbc:postgresql://localhost:5432/postgres', xml(db.url()))
        .replace('jdbc:postgresql://localhost:5432/catalog_production', xml(production.url()))

def repo = localRepositoryPath instanceof File ? localRepositoryPath : new File(localRepositoryPath.toString())
def settings = new File(basedir, 'settings-run.xml')
// as the Invoker's own settings: artifacts come from the developer's local repository first
def userRepo = new File(System.getProperty('maven.repo.local') ?: System.getProperty('user.home') + '/.m2/repository')
settings.text = new File(basedir, '../../../src/it/settings.xml').text.replace('@localRepositoryUrl@', userRepo.toURI().toString())
def work = new File(basedir, 'walk-through')
work.deleteDir()
work.mkdirs()
def sh = new File(basedir, 'getting-started.sh')
sh.text = 'set -euo pipefail\n' +
        'mvn() { command mvn -B -q -s "' + settings + '" -Dmaven.repo.local="' + repo + '" "$@"; }\n' +
        'cd "' + work + '"\n' + script + '\n'
def pb = new ProcessBuilder('bash', sh.path).redirectErrorStream(true)
pb.environment().remove('CI')
def proc = pb.start()
def out = proc.inputStream.text
new File(basedir, 'getting-started.log').text = out
check(proc.waitFor() == 0, 'every command of getting-started.md passes; the output:\n' + out)

// what the page says happened
expect('[[1, f]]', db.rows('select version, dirty from catalog_service.catalog_service_schema_migrations').toString(),
        'development: two applied, the newest rolled back')
expect('[[2, f]]', production.rows('select version, dirty from catalog_service.catalog_service_schema_migrations').toString(),
        'production: both applied')
expect('catalog_service.products', production.value("select to_regclass('catalog_service.products')"), 'the table')
check(new File(work, 'catalog-service/migrations/migrations.sum').text.contains('0002_add_sku_to_products.up.sql'),
        'migrations.sum holds the second migration')
check(out.contains('"schema"') == false, 'status printed a table, not JSON')
production.drop()
return true
