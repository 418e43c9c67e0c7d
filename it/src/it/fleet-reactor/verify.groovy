import groovy.json.JsonSlurper
import dev.dbmigrations.it.ItDatabase
import static dev.dbmigrations.it.ItDatabase.expect
import static dev.dbmigrations.it.ItDatabase.check

def directory = ItDatabase.of(basedir)
def log = new File(basedir, 'build.log').text
check(log.contains('Fleet up of 2 services on production: 2 database(s), canary 1'), 'one fleet for the reactor')
check(log.contains('Fleet up on production: 2 target(s), 2 changed'), 'the first up changes both shards')
check(log.contains('Fleet up on production: 2 target(s), 0 changed, 2 unchanged'), 'the second up is a no-op')
check(log.contains('Fleet down on production: 2 target(s), 2 changed'), 'down rolls back on both shards')
(1..2).each { i ->
    def shard = directory.named("it_fleet_reactor_s${i}")
    // up applied customers' 0001 before orders' 0002 on each shard: one plan per database
    def ups = shard.rows("select name from (select name, id, started_at from orders_service.migrations_history where action = 'up'"
            + " union all select name, id, started_at from customers_service.migrations_history where action = 'up') h"
            + " order by started_at, id").collect { it[0] }
    expect('[0001_create_orders, 0001_create_customers, 0002_add_customer_fk]', ups.toString(), 'apply order on shard ' + i)
    // down with cascade: the dependant first, then the rest; nothing left
    expect('[]', shard.rows('select version from orders_service.migrations_applied').toString(), 'orders rolled back on shard ' + i)
    expect('[]', shard.rows('select version from customers_service.migrations_applied').toString(), 'customers rolled back on shard ' + i)
}
def report = new JsonSlurper().parse(new File(basedir, 'target/migrations/fleet-down-reactor.json'))
expect(2, report.targets.size(), 'two shards in the fleet report')
expect(0, report.targets[0].wave, 'the canary is wave 0')
return true
