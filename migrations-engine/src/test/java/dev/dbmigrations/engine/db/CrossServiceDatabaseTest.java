package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dependencies.json across two services sharing one database: refusals, interleaving, cascade. */
@ExtendWith(FreshDatabase.class)
class CrossServiceDatabaseTest {

    @TempDir
    Path tmp;

    private Path billing() {
        Path dir = tmp.resolve("billing");
        new Folder(dir)
                .migration("0001_create_accounts", "create table accounts (id bigint primary key);", "drop table accounts;")
                .migration("0002_create_invoices", "create table invoices (id bigint primary key, account_id bigint references accounts (id));",
                        "drop table invoices;");
        return dir;
    }

    private Path users() {
        Path dir = tmp.resolve("users");
        new Folder(dir)
                .migration("0001_create_users", "create table users (id bigint primary key);", "drop table users;")
                .migration("0002_add_account_fk", "alter table users add column account_id bigint references billing_service.accounts (id);",
                        "alter table users drop column account_id;")
                .migration("0003_add_nickname", "alter table users add column nickname text;", "alter table users drop column nickname;")
                .file("dependencies.json", "{\"0002_add_account_fk\": {\"requires\": [\"0001_create_users\", \"billing-service:0001_create_accounts\"]}}");
        return dir;
    }

    private MigrationsConfig.Builder cfg(FreshDatabase.TestDb db, String service, Path dir) {
        return MigrationsConfig.builder().url(db.url()).service(service).dir(dir);
    }

    @Test
    void aMigrationWaitsForAnotherServicesMigration(FreshDatabase.TestDb db) throws Exception {
        Migrations user = new Migrations(cfg(db, "user-service", users()).build());
        RunResult first = user.up(null, null);
        assertFalse(first.ok());
        assertEquals(List.of("0001_create_users"), first.steps().stream().map(Step::id).toList(), "stops before 0002");
        Problem p = first.problems().get(0);
        assertEquals("unmet-dependency", p.check());
        assertTrue(p.message().contains("user-service:0002_add_account_fk requires billing-service:1"), p.message());
        assertTrue(p.message().contains("neither applied nor pending"), p.message());

        assertTrue(new Migrations(cfg(db, "billing-service", billing()).build()).up(null, null).ok());
        RunResult second = user.up(null, null);
        assertTrue(second.ok(), second.problems().toString());
        assertEquals("{user-service:1,billing-service:1}",
                db.value("select requires::text from user_service.migrations_applied where version = 2"));
    }

    @Test
    void downRefusesWhileAnotherServiceDependsAndCascadesAtTheReactor(FreshDatabase.TestDb db) throws Exception {
        MigrationsConfig billing = cfg(db, "billing-service", billing()).build();
        MigrationsConfig user = cfg(db, "user-service", users()).build();
        List<RunResult> up = new Reactor(List.of(user, billing)).up(null);
        assertTrue(up.stream().allMatch(RunResult::ok), up.toString());
        assertEquals(List.of("0001_create_users", "0002_add_account_fk", "0003_add_nickname"),
                up.get(0).steps().stream().map(Step::id).toList());

        RunResult refused = new Migrations(cfg(db, "billing-service", billing()).build()).down(null, 0L);
        assertFalse(refused.ok());
        assertEquals("has-dependants", refused.problems().get(0).check());
        assertTrue(refused.problems().get(0).message().contains("user-service:2"), refused.problems().get(0).message());
        assertTrue(db.tableExists("billing_service.accounts"), "nothing rolled back");

        RunResult alone = new Migrations(cfg(db, "billing-service", billing()).cascade(true).build()).down(null, 0L);
        assertTrue(alone.problems().get(0).fix().startsWith("user-service is not part of this run"), alone.problems().toString());
        assertTrue(alone.problems().get(0).fix().contains("an aggregator whose modules include user-service"),
                alone.problems().toString());

        // billing's newest is invoices (no dependants); down 2 reaches accounts, which user 0002 requires
        List<RunResult> down = new Reactor(List.of(cfg(db, "user-service", users()).cascade(true).build(),
                cfg(db, "billing-service", billing()).cascade(true).build())).down(2);
        assertTrue(down.stream().allMatch(RunResult::ok), down.toString());
        assertFalse(db.tableExists("billing_service.accounts"));
        assertEquals("none", db.value("select column_name from information_schema.columns where table_schema = 'user_service'"
                + " and column_name = 'account_id'"), "the dependant was rolled back first");
        assertEquals("[[1]]", db.rows("select version from user_service.migrations_applied order by 1").toString());
        assertEquals("empty", golang(db, "billing_service"));
    }

    @Test
    void aCascadeAskedForOneServicePullsInTheDependantsOfTheSameReactor(FreshDatabase.TestDb db) throws Exception {
        MigrationsConfig billing = cfg(db, "billing-service", billing()).cascade(true).build();
        MigrationsConfig user = cfg(db, "user-service", users()).cascade(true).build();
        assertTrue(new Reactor(List.of(user, billing)).up(null).stream().allMatch(RunResult::ok));
        // as -Dmigrations.service=billing-service -Dmigrations.cascade=true -Dmigrations.count=all at the aggregator
        List<RunResult> down = new Reactor(List.of(user, billing), java.util.Set.of("billing-service")).down(Integer.MAX_VALUE);
        assertTrue(down.stream().allMatch(RunResult::ok), down.toString());
        assertFalse(db.tableExists("billing_service.accounts"));
        assertEquals("none", db.value("select coalesce(max(column_name), 'none') from information_schema.columns"
                + " where table_schema = 'user_service' and column_name = 'account_id'"), "the dependant was rolled back first");
        assertTrue(db.tableExists("user_service.users"), "user-service's own migrations were not asked for");
        assertEquals("empty", golang(db, "billing_service"));
    }

    private static String golang(FreshDatabase.TestDb db, String schema) throws Exception {
        List<List<String>> rows = db.rows("select version from " + schema + "." + schema + "_schema_migrations");
        return rows.isEmpty() ? "empty" : rows.get(0).get(0);
    }

    @Test
    void aServiceHeldByItsPolicyHoldsTheWholePlanAndEveryServiceSaysSo(FreshDatabase.TestDb db) throws Exception {
        Path users = users();
        new Folder(users).file("environments.json", "{\"staging\": {\"approval\": \"medium\"}}");
        List<RunResult> up = new Reactor(List.of(cfg(db, "user-service", users).environment("staging").build(),
                cfg(db, "billing-service", billing()).environment("staging").build())).up(null);
        assertEquals(2, up.size(), up.toString());
        RunResult user = up.stream().filter(r -> r.schema().equals("user_service")).findFirst().orElseThrow();
        RunResult billing = up.stream().filter(r -> r.schema().equals("billing_service")).findFirst().orElseThrow();
        assertEquals("approval", user.problems().get(0).check());
        assertTrue(billing.ok());
        assertTrue(billing.notes().contains("Not run: user-service is held by its staging policy, and the reactor runs"
                + " one plan"), billing.notes().toString());
        assertEquals("empty", golang(db, "billing_service"));
    }

    @Test
    void theReactorInterleavesServicesWhateverTheirOrder(FreshDatabase.TestDb db) throws Exception {
        // user-service listed first, but its 0002 needs billing-service's 0001
        List<RunResult> up = new Reactor(List.of(cfg(db, "user-service", users()).build(),
                cfg(db, "billing-service", billing()).build())).up(null);
        assertTrue(up.stream().allMatch(RunResult::ok), up.toString());
        List<List<String>> order = db.rows("select name, started_at from (select name, started_at from user_service.migrations_history"
                + " union all select name, started_at from billing_service.migrations_history) h order by started_at");
        List<String> names = order.stream().map(r -> r.get(0)).toList();
        assertTrue(names.indexOf("0001_create_accounts") < names.indexOf("0002_add_account_fk"), names.toString());
        assertTrue(names.indexOf("0001_create_users") < names.indexOf("0001_create_accounts"), "reactor order where free: " + names);
    }
}
