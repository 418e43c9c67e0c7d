package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Fleet;
import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.api.FleetResult;
import dev.dbmigrations.engine.api.FleetResult.Outcome;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.ServerLogins;
import dev.dbmigrations.engine.fleet.Discovery;
import dev.dbmigrations.engine.api.FleetTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fleet deploys on real servers: databases on three PostgreSQL clusters (the main one and two more on
 * loopback ports), schemas per tenant, and a directory database that lists targets; a server stopped
 * during a run, and the rerun that finishes the fleet.
 */
class FleetDatabaseTest {

    @TempDir
    Path tmp;

    private final List<String> log = LogListener.newLog();
    private final List<String> created = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void dropDatabases() {
        created.forEach(ExtraClusters::dropDatabase);
    }

    private String database(String serverUrl, String hint) {
        String url = ExtraClusters.createDatabase(serverUrl, hint);
        created.add(url);
        return url;
    }

    private static String main() {
        return PostgresServer.withDatabase(PostgresServer.baseUrl(), "postgres");
    }

    private void folder(String targetsJson) {
        new Folder(tmp)
                .migration("0001_create_accounts", "create table accounts (id bigint primary key, name text);",
                        "drop table accounts;")
                .migration("0002_add_email", "alter table accounts add column email text;\n"
                        + "insert into accounts values (1, 'seed', 'seed@example.com');", "alter table accounts drop column email;\ndelete from accounts;")
                .migration("0003_create_orders", "create table orders (id bigint primary key, account bigint references accounts);",
                        "drop table orders;")
                .file("environments.json", "{\n  \"development\": {},\n  \"production\": {\"targets\": " + targetsJson + "}\n}\n");
    }

    private MigrationsConfig config() {
        return MigrationsConfig.builder().url(main()).service("billing").dir(tmp).environment("production")
                .backupDir(tmp.resolve("backups")).listener(new LogListener(log)).build();
    }

    private static String urls(List<String> urls) {
        return urls.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    private List<String> threeServers(String hint) {
        String a = ExtraClusters.server("fleet_a", 5441);
        String b = ExtraClusters.server("fleet_b", 5442);
        return List.of(database(main(), hint), database(a, hint),
                database(b, hint));
    }

    @Test
    void upReachesDatabasesOnThreeServersCanaryFirstAndAgainIsANoOp() throws Exception {
        List<String> dbs = threeServers("three");
        folder("{\"urls\": " + urls(dbs) + ", \"canary\": 1, \"parallelism\": 2}");
        FleetResult r = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertTrue(r.ok(), Fleet.summary(r).toString());
        assertEquals(3, r.count(Outcome.CHANGED));
        assertEquals(List.of(0, 1, 1), r.targets().stream().map(FleetResult.TargetResult::wave).toList(),
                "the first target is the canary, the others one wave");
        for (String url : dbs) {
            assertEquals("3 false", one(url, "select version || ' ' || dirty from billing.billing_schema_migrations"));
            assertEquals("1", one(url, "select count(*) from billing.accounts"));
        }
        int canaryDone = indexOf(log, "[" + FleetTarget.database(dbs.get(0)) + "] changed");
        int waveStart = indexOf(log, "Fleet up: wave 1");
        assertTrue(canaryDone >= 0 && canaryDone < waveStart, "the canary ends before the wave starts: " + log);

        FleetResult again = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertTrue(again.ok());
        assertEquals(3, again.count(Outcome.UNCHANGED), Fleet.summary(again).toString());

        FleetResult status = new Fleet(config(), ServerLogins.NONE, Set.of()).status();
        List<String> text = Fleet.statusText(status);
        assertTrue(text.stream().anyMatch(l -> l.matches("\\s+3\\s+version 3, up to date.*")), text.toString());
    }

    @Test
    void aServerStoppedDuringTheRunFailsItsTargetAloneAndTheRerunFinishesExactlyOnce() throws Exception {
        List<String> dbs = threeServers("stop");
        new Folder(tmp)
                .migration("0001_create_log", "create table log (step int);\ninsert into log values (1);", "drop table log;")
                .migration("0002_slow", "-- migrations:no-transaction\ninsert into log values (2);\nselect pg_sleep(3);\n"
                        + "insert into log values (3);", null)
                .file("environments.json", "{\"production\": {\"targets\": {\"urls\": " + urls(dbs)
                        + ", \"canary\": 0, \"parallelism\": 3, \"onFailure\": \"continue\"}}}");
        CompletableFuture<FleetResult> run = CompletableFuture.supplyAsync(() ->
                new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null));
        String stopped = dbs.get(2);
        waitFor(stopped, "select count(*) from billing.log where step = 2", "1");
        ExtraClusters.stop("fleet_b");
        FleetResult r;
        try {
            r = run.get();
        } finally {
            ExtraClusters.start("fleet_b");
        }
        assertFalse(r.ok());
        assertEquals(2, r.count(Outcome.CHANGED), Fleet.summary(r).toString());
        FleetResult.TargetResult failed = r.targets().get(2);
        assertEquals(Outcome.FAILED, failed.outcome());
        assertTrue(Fleet.summary(r).stream().anyMatch(l -> l.contains(failed.name()) && l.contains("failed")),
                Fleet.summary(r).toString());

        FleetResult status = new Fleet(config(), ServerLogins.NONE, Set.of()).status();
        assertTrue(Fleet.statusText(status).stream().anyMatch(l -> l.contains("dirty") && l.contains(failed.name())),
                Fleet.statusText(status).toString());

        FleetResult rerun = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertTrue(rerun.ok(), Fleet.summary(rerun).toString());
        assertEquals(List.of(Outcome.UNCHANGED, Outcome.UNCHANGED, Outcome.CHANGED),
                rerun.targets().stream().map(FleetResult.TargetResult::outcome).toList());
        for (String url : dbs) {
            assertEquals("1,2,3", one(url, "select string_agg(step::text, ',' order by step) from billing.log"),
                    "every statement ran once on " + url);
            assertEquals("2 false", one(url, "select version || ' ' || dirty from billing.billing_schema_migrations"));
        }
    }

    @Test
    void aFailedTargetStopsTheFleetAndAFailedCanaryStopsEvenAContinuingOne() throws Exception {
        List<String> dbs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dbs.add(database(main(), "stopping" + i));
        }
        // the second database already has a table the first migration creates: its up fails there
        exec(dbs.get(1), "create schema billing; create table billing.accounts (id int)");
        folder("{\"urls\": " + urls(dbs) + ", \"canary\": 1, \"waveSize\": 1, \"parallelism\": 1}");
        FleetResult r = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertEquals(List.of(Outcome.CHANGED, Outcome.FAILED, Outcome.NOT_STARTED, Outcome.NOT_STARTED),
                r.targets().stream().map(FleetResult.TargetResult::outcome).toList(), Fleet.summary(r).toString());
        assertEquals("fleet-not-started", r.targets().get(3).problems().get(0).check());
        assertEquals("0", one(dbs.get(3), "select count(*) from pg_namespace where nspname = 'billing'"),
                "a target not started was not touched");

        // the failing database as the canary, with onFailure continue: nothing after it starts
        List<String> reordered = List.of(dbs.get(1), dbs.get(2), dbs.get(3));
        folder("{\"urls\": " + urls(reordered) + ", \"canary\": 1, \"onFailure\": \"continue\"}");
        FleetResult c = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertEquals(List.of(Outcome.FAILED, Outcome.NOT_STARTED, Outcome.NOT_STARTED),
                c.targets().stream().map(FleetResult.TargetResult::outcome).toList());

        // without a canary, continue goes past the failure
        folder("{\"urls\": " + urls(reordered) + ", \"canary\": 0, \"onFailure\": \"continue\"}");
        FleetResult d = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertEquals(List.of(Outcome.FAILED, Outcome.CHANGED, Outcome.CHANGED),
                d.targets().stream().map(FleetResult.TargetResult::outcome).toList());
    }

    @Test
    void schemasPerTenantEachKeepTheirOwnTablesAndTracking() throws Exception {
        String db = database(main(), "tenants");
        exec(db, "create schema tenant_b; create schema tenant_a; create schema tenant_c; create schema other");
        folder("{\"schemaPattern\": \"tenant_%\", \"parallelism\": 2}");
        MigrationsConfig c = config().toBuilder().url(db).build();
        dev.dbmigrations.engine.api.FleetTargets targets = new Fleet(c, ServerLogins.NONE, Set.of()).targets();
        assertEquals(List.of("tenant_a", "tenant_b", "tenant_c"), targets.targets().stream().map(FleetTarget::schema).toList());
        FleetResult r = new Fleet(c, ServerLogins.NONE, Set.of()).up(null, null);
        assertTrue(r.ok(), Fleet.summary(r).toString());
        for (String t : List.of("tenant_a", "tenant_b", "tenant_c")) {
            assertEquals("3", one(db, "select version from " + t + "." + t + "_schema_migrations"));
            assertEquals("1", one(db, "select count(*) from " + t + ".accounts"));
        }
        assertEquals("0", one(db, "select count(*) from pg_tables where schemaname in ('other', 'billing')"));

        FleetResult down = new Fleet(c, ServerLogins.NONE, Set.of("127.0.0.1:5432/" + db.replaceAll(".*/([^/?]+).*", "$1")
                + "/tenant_b")).gotoVersion(1);
        assertTrue(down.ok(), Fleet.summary(down).toString());
        assertEquals(1, down.targets().size());
        assertEquals("1", one(db, "select version from tenant_b.tenant_b_schema_migrations"));
        assertEquals("3", one(db, "select version from tenant_a.tenant_a_schema_migrations"));
        List<String> text = Fleet.statusText(new Fleet(c, ServerLogins.NONE, Set.of()).status());
        assertTrue(text.stream().anyMatch(l -> l.matches("\\s+2\\s+version 3, up to date.*")), text.toString());
        assertTrue(text.stream().anyMatch(l -> l.matches("\\s+1\\s+version 1, 2 pending: .*tenant_b")), text.toString());
    }

    @Test
    void aDirectoryQueryNamesTheTargetsAndWhatIsWrongWithItStartsNothing() throws Exception {
        String directory = database(main(), "directory");
        List<String> dbs = List.of(database(main(), "shard1"), database(main(), "shard2"));
        exec(directory, "create table shards (jdbc text, active boolean, name text)");
        exec(directory, "insert into shards values ('" + dbs.get(1) + "', true, 'b'), ('" + dbs.get(0)
                + "', true, 'a'), ('jdbc:postgresql://nowhere/x', false, 'z')");
        folder("{\"discover\": {\"url\": \"" + directory + "\", \"query\": \"select jdbc as url from shards where active"
                + " order by name\"}}");
        dev.dbmigrations.engine.api.FleetTargets found = new Fleet(config(), ServerLogins.NONE, Set.of()).targets();
        assertEquals(List.of(dbs.get(0), dbs.get(1)), found.targets().stream().map(FleetTarget::url).toList());
        FleetResult r = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertTrue(r.ok(), Fleet.summary(r).toString());

        // a query that fails, a column that is missing, a variable not set, a target named twice: nothing starts
        String fresh = database(main(), "untouched");
        for (String bad : List.of(
                "{\"urls\": [\"" + fresh + "\"], \"discover\": {\"url\": \"" + directory + "\", \"query\": \"select nope from shards\"}}",
                "{\"urls\": [\"" + fresh + "\"], \"discover\": {\"url\": \"" + directory + "\", \"query\": \"select name from shards\"}}",
                "{\"urls\": [\"" + fresh + "\", \"${env.FLEET_TEST_UNSET_VARIABLE}\"]}",
                "{\"urls\": [\"" + fresh + "\", \"" + fresh + "\"]}")) {
            folder(bad);
            FleetResult refused = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
            assertFalse(refused.ok(), bad);
            assertEquals("fleet-targets", refused.problems().get(0).check(), refused.problems().toString());
            assertTrue(refused.targets().isEmpty());
            assertEquals("0", one(fresh, "select count(*) from pg_namespace where nspname = 'billing'"), bad);
        }
        assertTrue(new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null).problems().get(0).message()
                .contains("listed twice"));
    }

    @Test
    void aBrokenFolderOrAnUnknownTargetNameStartsNothing() throws Exception {
        String db = database(main(), "broken");
        folder("{\"urls\": [\"" + db + "\"]}");
        new Folder(tmp).file("0004_bad.up.sql", "select 1;").file("0004_other.up.sql", "select 2;");
        FleetResult r = new Fleet(config(), ServerLogins.NONE, Set.of()).up(null, null);
        assertEquals("duplicate-version", r.problems().get(0).check());
        assertTrue(r.targets().isEmpty());
        java.nio.file.Files.delete(tmp.resolve("0004_other.up.sql"));
        FleetResult unknown = new Fleet(config(), ServerLogins.NONE, Set.of("nowhere:5432/x")).up(null, null);
        assertEquals("fleet-targets", unknown.problems().get(0).check());
        assertEquals("0", one(db, "select count(*) from pg_namespace where nspname = 'billing'"));
    }

    @Test
    void aDeployJobAskedToStopLetsTheRunningTargetFinishAndStartsNoOther() throws Exception {
        List<String> dbs = List.of(database(main(), "sigterm1"), database(main(), "sigterm2"), database(main(), "sigterm3"));
        new Folder(tmp)
                .migration("0001_create_log", "create table log (step int);", "drop table log;")
                .migration("0002_slow", "insert into log values (1);\nselect pg_sleep(2);\ninsert into log values (2);", null)
                .file("environments.json", "{\"production\": {\"targets\": {\"urls\": " + urls(dbs)
                        + ", \"canary\": 0, \"parallelism\": 1}}}");
        Path out = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FleetUpMain.class.getName(), main(), tmp.toString(), "production")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            String db = dbs.get(0).replaceAll(".*/([^/?]+).*", "$1");
            waitFor(main(), "select count(*) from pg_stat_activity where datname = '" + db + "' and query like '%pg_sleep%'"
                    + " and state = 'active'", "1");
            child.destroy(); // SIGTERM, as a cancelled CI job sends
            assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child ends once its target is done");
        } finally {
            child.destroyForcibly();
        }
        String log = java.nio.file.Files.readString(out);
        assertTrue(log.contains("was asked to stop: no further target starts"), log);
        assertEquals("1,2", one(dbs.get(0), "select string_agg(step::text, ',' order by step) from billing.log"),
                "the running target finished its migration: " + log);
        assertEquals("2 false", one(dbs.get(0), "select version || ' ' || dirty from billing.billing_schema_migrations"));
        for (String other : dbs.subList(1, 3)) {
            assertEquals("0", one(other, "select count(*) from pg_namespace where nspname = 'billing'"),
                    "no other target started: " + log);
        }
    }

    private static int indexOf(List<String> log, String prefix) {
        synchronized (log) {
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).startsWith(prefix) || log.get(i).startsWith("WARN " + prefix)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static void waitFor(String url, String query, String value) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (value.equals(one(url, query))) {
                    return;
                }
            } catch (SQLException e) {
                // not there yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + query + " = " + value);
    }

    static String one(String url, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
