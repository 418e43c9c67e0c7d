import groovy.json.JsonSlurper
import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def directory = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
def names = (1..3).collect { i -> directory.url().replaceAll('^jdbc:postgresql://([^/]*)/([^?]*).*$', '$1/$2') + "_s${i}" }
names.each { check(log.contains(it), 'targets lists ' + it) }
check((log =~ /(?m)\Q${names[0]}\E\s+canary/).find(), 'the first shard is the canary')
check(!log.contains('it_fleet_shards_retired'), 'the retired shard is not a target')
check(log.contains('Fleet up: canary, 1 target(s) of 3') && log.contains('Fleet up: wave 1, 2 target(s) of 3'),
        'canary, then the wave')
check(log.contains('Fleet up on production: 3 target(s), 3 changed'), 'the first up changes every shard')
check(log.contains('Fleet up on production: 3 target(s), 0 changed, 3 unchanged'), 'the second up is a no-op')
check((log =~ /(?m)\s+3\s+version 2, up to date/).find(), 'status groups the shards by version')
check(log.contains('[fleet-one-target]'), 'force refuses without -Dmigrations.select')

(1..3).each { i ->
    def shard = directory.named("it_fleet_shards_s${i}")
    expect('[[2, f]]', shard.rows('select version, dirty from ledger_service.ledger_service_schema_migrations').toString(),
            'shard s' + i + ' at version 2, clean')
}
def report = new JsonSlurper().parse(new File(basedir, 'target/migrations/fleet-up-ledger_service.json'))
expect(true, report.fleet, 'a fleet report')
expect(3, report.targets.size(), 'three targets in the report')
expect(3, report.counts.unchanged, 'the last up left all three unchanged')
expect(0, report.targets[0].wave, 'the canary is wave 0')
return true
