package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationState;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.HistoryResult;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.execute.SchemaLock;
import dev.dbmigrations.engine.report.StatusFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(FreshDatabase.class)
class EngineDatabaseTest {

    @TempDir
    Path tmp;

    private final List<String> log = LogListener.newLog();

    private MigrationsConfig.Builder config(FreshDatabase.TestDb db) {
        return MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp)
                .lockTimeout(Duration.ofSeconds(30))
                .listener(new LogListener(log));
    }

    private Migrations engine(FreshDatabase.TestDb db) {
        return new Migrations(config(db).build());
    }

    private static String golang(FreshDatabase.TestDb db) throws Exception {
        List<List<String>> rows = db.rows("select version, dirty from user_service.user_service_schema_migrations");
        return rows.isEmpty() ? "empty" : rows.get(0).get(0) + (rows.get(0).get(1).equals("t") ? " dirty" : " clean");
    }

    private void threeMigrations() {
        new Folder(tmp)
                .migration("0001_create_users", "create table users (id bigint generated always as identity primary key, email text not null);",
                        "drop table users;")
                .migration("0002_add_name", "alter table users add column name text;", "alter table users drop column name;")
                .migration("0003_create_orders", "create table orders (id bigint primary key, user_id bigint references users(id));",
                        "drop table orders;");
    }

    @Test
    void upAppliesEverythingIntoTheServiceSchemaAndDownRollsBack(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        RunResult up = engine(db).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals(3, up.steps().size());
        assertTrue(db.tableExists("user_service.users"));
        assertTrue(db.tableExists("user_service.orders"));
        assertFalse(db.tableExists("public.users"), "unqualified names land in the service schema");
        assertEquals("3 clean", golang(db));
        assertEquals("3", db.value("select count(*) from user_service.migrations_applied"));
        assertEquals("3", db.value("select count(*) from user_service.migrations_history where action = 'up' and outcome = 'success'"));
        assertTrue(log.stream().anyMatch(l -> l.matches("\\[2/3] 0002_add_name applied in \\d+ ms")), log.toString());

        RunResult down = engine(db).down(null, null);
        assertTrue(down.ok(), down.problems().toString());
        assertFalse(db.tableExists("user_service.orders"));
        assertEquals("2 clean", golang(db));

        RunResult down2 = engine(db).down(2, null);
        assertTrue(down2.ok());
        assertFalse(db.tableExists("user_service.users"));
        assertEquals("empty", golang(db));
        assertEquals("0", db.value("select count(*) from user_service.migrations_applied"));
        assertEquals("3", db.value("select count(*) from user_service.migrations_history where action = 'down'"));

        RunResult again = engine(db).up(2, null);
        assertTrue(again.ok());
        assertEquals("2 clean", golang(db));
        assertEquals("2", db.value("select count(*) from user_service.migrations_applied"));
    }

    @Test
    void upToTargetAndGotoMoveBothWays(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        assertTrue(engine(db).up(null, 2L).ok());
        assertEquals("2 clean", golang(db));
        assertTrue(engine(db).gotoVersion(3).ok());
        assertEquals("3 clean", golang(db));
        assertTrue(engine(db).gotoVersion(1).ok());
        assertEquals("1 clean", golang(db));
        assertFalse(db.tableExists("user_service.orders"));
        RunResult unknown = engine(db).gotoVersion(7);
        assertEquals("unknown-version", unknown.problems().get(0).check());
    }

    @Test
    void aFailureHalfWayLeavesOnlyTheFailedAttemptInHistory(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_users", "create table users (id int primary key);", "drop table users;")
                .migration("0002_broken", "create table accounts (id int primary key);\n\n-- the next one fails\n"
                        + "insert into accounts (id)\n  values (1), (1);\n", "drop table accounts;");
        RunResult up = engine(db).up(null, null);
        assertFalse(up.ok());
        Problem p = up.problems().get(0);
        assertEquals(tmp.resolve("0002_broken.up.sql"), p.file());
        assertEquals(4, p.line(), p.format());
        assertTrue(p.message().contains("SQLSTATE 23505"), p.message());
        assertFalse(db.tableExists("user_service.accounts"), "the failed migration left nothing behind");
        assertEquals("1 clean", golang(db));
        assertEquals("1", db.value("select count(*) from user_service.migrations_applied"));
        assertEquals(List.of(List.of("2", "up", "failed", "23505", "4")), db.rows(
                "select version, action, outcome, sqlstate, error_line from user_service.migrations_history where outcome = 'failed'"));
    }

    @Test
    void aFailedNoTransactionMigrationIsDirtyUntilForced(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_users", "create table users (id int primary key, email text);", "drop table users;")
                .migration("0002_index_email", "-- migrations:no-transaction\ncreate index concurrently users_email on users (email);\n"
                        + "create index concurrently users_bad on users (no_such_column);\n", "drop index concurrently users_email;");
        RunResult up = engine(db).up(null, null);
        assertFalse(up.ok());
        assertTrue(up.dirtyAfter());
        assertEquals(RunMode.NO_TRANSACTION, up.steps().get(1).mode());
        assertEquals("2 dirty", golang(db));
        assertEquals(3, up.problems().get(0).line());

        RunResult retried = engine(db).up(null, null);
        assertEquals("migration-failed", retried.problems().get(0).check(), "the unchanged file resumes at the failed statement");
        assertFalse(retried.notes().stream().anyMatch(n -> n.startsWith("Resumed")),
                "the resumed statement failed again: no 'Resumed' news " + retried.notes());
        assertEquals("2 dirty", golang(db));
        new Folder(tmp).file("0002_index_email.up.sql", "-- migrations:no-transaction\n"
                + "create index concurrently users_email on users (email);\n-- edited\n");
        RunResult refused = engine(db).up(null, null);
        assertEquals("dirty", refused.problems().get(0).check(), "an edited file cannot resume");
        StatusResult status = engine(db).status();
        assertEquals(MigrationState.DIRTY, status.migrations().get(1).state());

        db.execute("drop index user_service.users_email");
        RunResult forced = engine(db).force(1);
        assertTrue(forced.ok());
        assertEquals("1 clean", golang(db));

        new Folder(tmp).file("0002_index_email.up.sql", "-- migrations:no-transaction\ncreate index concurrently users_email on users (email);\n");
        RunResult again = engine(db).up(null, null);
        assertTrue(again.ok(), again.problems().toString());
        assertEquals("2 clean", golang(db));
    }

    @Test
    void anEditedAppliedMigrationStopsUpUntilRepaired(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        dev.dbmigrations.engine.source.SumFile.write(dev.dbmigrations.engine.source.MigrationReader.read(tmp));
        assertTrue(engine(db).up(1, null).ok());
        new Folder(tmp).file("0001_create_users.up.sql", "create table users (id bigint primary key, email text);");
        RunResult up = engine(db).up(null, null);
        assertFalse(up.ok());
        Problem p = up.problems().get(0);
        assertEquals("checksum-mismatch", p.check());
        assertEquals(tmp.resolve("0001_create_users.up.sql"), p.file());
        assertEquals("1 clean", golang(db));
        RunResult repaired = engine(db).repair();
        assertTrue(repaired.ok());
        assertEquals("1", db.value("select count(*) from user_service.migrations_history where action = 'repair'"));
        // and migrations.sum accepts the edit too, or validate would refuse it right after
        assertTrue(repaired.notes().contains("Updated migrations.sum for the accepted file(s): commit it with them"),
                repaired.notes().toString());
        assertFalse(dev.dbmigrations.engine.lint.Validator.validate(tmp, "user-service", "production", null).diagnostics()
                .stream().anyMatch(d -> d.problem().check().startsWith("sum-")));
        assertTrue(engine(db).up(null, null).ok());
        assertEquals("3 clean", golang(db));
    }

    @Test
    void cleanDropsTheSchemaOnlyInDevelopmentWithConfirmationAndNoDependents(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        assertTrue(engine(db).up(null, null).ok());
        RunResult production = new Migrations(config(db).environment("production").build()).clean("user_service");
        assertEquals("clean-environment", production.problems().get(0).check());
        assertFalse(production.versionKnown(), "refused before it read the database: no version to tell");
        assertEquals("clean-confirm", engine(db).clean(null).problems().get(0).check());
        assertEquals("clean-confirm", engine(db).clean("user-service").problems().get(0).check());
        db.execute("create schema other; create view other.emails as select email from user_service.users");
        RunResult held = engine(db).clean("user_service");
        assertEquals("clean-dependents", held.problems().get(0).check());
        assertTrue(held.problems().get(0).message().contains("other.emails"), held.problems().get(0).message());
        assertTrue(db.tableExists("user_service.users"), "nothing dropped while refused");
        db.execute("drop schema other cascade");

        RunResult clean = engine(db).clean("user_service");
        assertTrue(clean.ok(), clean.problems().toString());
        assertEquals(-1, clean.versionAfter());
        assertEquals("none", db.value("select nspname from pg_namespace where nspname = 'user_service'"));
        assertTrue(engine(db).up(null, null).ok(), "the next up starts from nothing");
        assertEquals("3 clean", golang(db));
    }

    @Test
    void historyListsEveryAttemptNewestFirstWithFiltersAndASummary(FreshDatabase.TestDb db) throws Exception {
        assertEquals(List.of("Schema user_service has no history yet: nothing has run here"),
                engine(db).history(HistoryResult.Query.all()).notes(), "reads only: nothing is created");
        assertEquals("none", db.value("select nspname from pg_namespace where nspname = 'user_service'"));
        threeMigrations();
        new Folder(tmp).migration("0004_broken", "alter table users add column x int;\nselect 1/0;", "select 1;");
        assertFalse(engine(db).up(null, null).ok());
        assertTrue(engine(db).down(1, null).ok());

        HistoryResult all = engine(db).history(HistoryResult.Query.all());
        assertEquals(List.of("down 0003_create_orders success", "up 0004_broken failed", "up 0003_create_orders success",
                        "up 0002_add_name success", "up 0001_create_users success"),
                all.entries().stream().map(e -> e.action() + " " + e.name() + " " + e.outcome()).toList());
        assertEquals(1, all.failures());
        assertEquals("SQLSTATE 22012: division by zero", all.entries().get(1).error());
        assertEquals(Integer.valueOf(2), all.entries().get(1).errorLine());
        assertTrue(all.slowest().size() <= 5 && !all.slowest().isEmpty());
        assertEquals(1, engine(db).history(new HistoryResult.Query(null, "failed", null, null, 100)).entries().size());
        assertEquals(2, engine(db).history(new HistoryResult.Query(null, null, 3L, null, 100)).entries().size());
        assertEquals(1, engine(db).history(new HistoryResult.Query(null, null, null, "down", 100)).entries().size());
        assertEquals(0, engine(db).history(new HistoryResult.Query(java.time.Instant.now().plusSeconds(60), null, null,
                null, 100)).entries().size());
        assertEquals(2, engine(db).history(new HistoryResult.Query(null, null, null, null, 2)).entries().size());
        String json = dev.dbmigrations.engine.Reports.historyJson(all);
        assertTrue(json.contains("\"outcome\" : \"failed\"") && json.contains("\"failures\" : 1"), json);
    }

    @Test
    void twoConcurrentRunsApplyEachMigrationExactlyOnce(FreshDatabase.TestDb db) throws Exception {
        Folder f = new Folder(tmp);
        for (int i = 1; i <= 20; i++) {
            f.migration(String.format("%04d_step_%d", i, i), "create table t" + i + " (id int);\nselect pg_sleep(0.01);",
                    "drop table t" + i + ";");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<RunResult>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<RunResult> c = () -> engine(db).up(null, null);
            futures.add(pool.submit(c));
        }
        for (Future<RunResult> fut : futures) {
            RunResult r = fut.get();
            assertTrue(r.ok(), r.problems().toString());
        }
        pool.shutdown();
        assertEquals("20", db.value("select count(*) from user_service.migrations_history where action = 'up' and outcome = 'success'"));
        assertEquals("0", db.value("select count(*) from (select version from user_service.migrations_history group by version having count(*) > 1) d"));
        assertEquals("20 clean", golang(db));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Waiting for the lock on schema user_service, held by backend pid")), log.toString());
    }

    @Test
    void aHeldLockTimesOutNamingTheHolder(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        try (Connection holder = db.connect();
             PreparedStatement ps = holder.prepareStatement("select pg_advisory_lock(?)")) {
            ps.setLong(1, SchemaLock.keyFor("user_service"));
            ps.execute();
            Migrations m = new Migrations(config(db).lockTimeout(Duration.ofSeconds(1)).build());
            MigrationsException e = assertThrows(MigrationsException.class, () -> m.up(null, null));
            assertTrue(e.getMessage().contains("held by backend pid"), e.getMessage());
            assertTrue(e.getMessage().contains("migrations.lockTimeout"), e.getMessage());
        }
        assertFalse(db.tableExists("user_service.users"));
    }

    @Test
    void initAdoptsAGolangMigrateTableAndKeepsItsExtraColumns(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        db.execute("create schema user_service; create table user_service.users (id bigint primary key, email text not null);"
                + " alter table user_service.users add column name text;"
                + " create table user_service.user_service_schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + " insert into user_service.user_service_schema_migrations values (2, false);"
                + " alter table user_service.user_service_schema_migrations add column applied_at timestamptz default now();");
        RunResult init = engine(db).init();
        assertTrue(init.ok(), init.problems().toString());
        assertTrue(init.notes().get(0).contains("Adopted"), init.notes().toString());
        assertEquals(List.of(List.of("1", "adopted"), List.of("2", "adopted")),
                db.rows("select version, kind from user_service.migrations_applied order by version"));
        RunResult up = engine(db).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals(1, up.steps().size());
        assertEquals("3 clean", golang(db));
        assertEquals("t", db.value("select applied_at is not null from user_service.user_service_schema_migrations"));
    }

    @Test
    void aDirtyGolangTableIsNotAdoptedAndNothingIsCreated(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        db.execute("create schema user_service; create table user_service.user_service_schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + " insert into user_service.user_service_schema_migrations values (2, true);");
        RunResult up = engine(db).up(null, null);
        assertEquals("dirty", up.problems().get(0).check());
        assertFalse(db.tableExists("user_service.migrations_applied"));
    }

    @Test
    void aFolderGolangMigrateRanWithItsDefaultsIsAdoptedInPlace(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        db.execute("create schema user_service; create table user_service.users (id bigint primary key, email text not null);"
                + " create table public.schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + " insert into public.schema_migrations values (1, false);");
        Migrations m = new Migrations(config(db).table("public.schema_migrations").build());
        RunResult up = m.up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals(2, up.steps().size());
        assertEquals(List.of(List.of("3", "f")), db.rows("select version, dirty from public.schema_migrations"));
        assertFalse(db.tableExists("user_service.user_service_schema_migrations"));
    }

    @Test
    void downStopsBeforeAnIrreversibleMigration(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_users", "create table users (id int);", "drop table users;")
                .migration("0002_backfill", "insert into users values (1);", null)
                .migration("0003_add_name", "alter table users add column name text;", "alter table users drop column name;");
        assertTrue(engine(db).up(null, null).ok());
        RunResult down = engine(db).down(3, null);
        assertFalse(down.ok());
        assertEquals(1, down.steps().size());
        assertEquals("irreversible", down.problems().get(0).check());
        assertEquals("2 clean", golang(db));
    }

    @Test
    void baselineRecordsWithoutRunningAndDryRunChangesNothing(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        RunResult dry = new Migrations(config(db).dryRun(true).build()).up(null, null);
        assertTrue(dry.ok());
        assertTrue(dry.dryRunScript().contains("alter table users add column name text;"), dry.dryRunScript());
        // the SQL as it would run, each migration in its transaction, the bookkeeping marked
        assertTrue(dry.dryRunScript().contains("begin;\nalter table users add column name text;\n"
                + "-- migrations:bookkeeping: the migration recorded, in its transaction\nwith a as (insert into"), dry.dryRunScript());
        assertTrue(dry.dryRunScript().contains("run migrations:init before applying"), dry.dryRunScript());
        assertFalse(db.tableExists("user_service.migrations_applied"));
        assertEquals("none", db.value("select nspname from pg_namespace where nspname = 'user_service'"));

        db.execute("create schema user_service; create table user_service.users (id bigint primary key, email text, name text)");
        RunResult baseline = engine(db).baseline(2);
        assertTrue(baseline.ok(), baseline.problems().toString());
        assertEquals("2 clean", golang(db));
        StatusResult status = engine(db).status();
        assertEquals(MigrationState.BASELINE, status.migrations().get(0).state());
        assertEquals(MigrationState.PENDING, status.migrations().get(2).state());
        assertTrue(engine(db).up(null, null).ok());
        assertEquals("baseline", engine(db).baseline(1).problems().get(0).check());
        String json = StatusFormatter.json(engine(db).status());
        assertTrue(json.contains("\"state\" : \"applied\""), json);
    }

    /**
     * The dry run's script is what a run sends: applied by hand (each statement on its own, as psql
     * -f sends them) it leaves the tracking exactly as a run would, so up finds nothing to do.
     */
    @Test
    void aDryRunScriptAppliedByHandLeavesWhatARunLeaves(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        new Folder(tmp).migration("0004_index_email", "-- migrations:no-transaction\n"
                        + "create index concurrently users_email_idx on users (email);\ncreate index users_name_idx on users (name);",
                "drop index users_email_idx;\ndrop index users_name_idx;");
        assertTrue(engine(db).init().ok());
        RunResult dry = new Migrations(config(db).dryRun(true).build()).up(null, null);
        assertTrue(dry.ok(), dry.problems().toString());
        assertFalse(dry.dryRunScript().contains("run migrations:init"), dry.dryRunScript());
        applyByHand(db, dry.dryRunScript());
        assertEquals("4 clean", golang(db));
        RunResult up = engine(db).up(null, null);
        assertTrue(up.ok() && up.steps().isEmpty(), up + "\n" + dry.dryRunScript());
        assertEquals(List.of(List.of("4", "3")), db.rows("select count(*), count(*) filter (where run_mode = 'transaction')"
                + " from user_service.migrations_applied"));
        assertEquals("4", db.value("select count(*) from user_service.migrations_history where outcome = 'success'"));
        assertEquals("0", db.value("select count(*) from user_service.migrations_progress"));
        assertTrue(db.tableExists("user_service.users_email_idx"));

        RunResult dryDown = new Migrations(config(db).dryRun(true).build()).down(2, null);
        applyByHand(db, dryDown.dryRunScript());
        assertEquals("2 clean", golang(db));
        assertFalse(db.tableExists("user_service.users_email_idx"));
        assertEquals("2", db.value("select count(*) from user_service.migrations_applied"));
        assertEquals(2, engine(db).up(null, null).steps().size(), "up applies what the hand-applied down removed");
    }

    private static void applyByHand(FreshDatabase.TestDb db, String script) throws Exception {
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (var s : dev.dbmigrations.engine.sql.SqlSplitter.split(script).statements()) {
                st.execute(s.text());
            }
        }
    }

    @Test
    void badFilesAreRejectedBeforeTheDatabaseIsTouched(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        new Folder(tmp).file("0004_broken.up.sql", "insert into users (email) values ('unterminated);");
        RunResult up = engine(db).up(null, null);
        assertEquals("sql-syntax", up.problems().get(0).check());
        assertEquals(1, up.problems().get(0).line());
        assertEquals("none", db.value("select nspname from pg_namespace where nspname = 'user_service'"));
    }

    @Test
    void onAPreparedSchemaABrokenPendingFileStopsUpBeforeAnythingRuns(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        assertTrue(engine(db).up(null, null).ok());
        new Folder(tmp).migration("0004_add_phone", "alter table users add column phone text;", "alter table users drop column phone;")
                .file("0005_broken.up.sql", "select 1;\ninsert into users (email) values ('unterminated);");
        RunResult up = engine(db).up(null, null);
        assertFalse(up.ok());
        assertEquals("sql-syntax", up.problems().get(0).check());
        assertTrue(up.problems().get(0).file().endsWith("0005_broken.up.sql"), up.problems().toString());
        assertEquals(2, up.problems().get(0).line());
        assertEquals(List.of(), up.steps(), "0004 is sound but must not run while 0005 is broken");
        assertEquals("3 clean", golang(db));
        assertEquals("none", db.value("select coalesce(max(column_name), 'none') from information_schema.columns"
                + " where table_schema = 'user_service' and table_name = 'users' and column_name = 'phone'"));
    }

    @Test
    void upDoesNotReadDownFilesButDownRefusesABrokenOne(FreshDatabase.TestDb db) throws Exception {
        threeMigrations();
        // not UTF-8: up never needs this down file; down does, and refuses with the file and the fix
        new Folder(tmp).bytes("0003_create_orders.down.sql", new byte[] {'d', 'r', 'o', 'p', ' ', (byte) 0xE9, ';'});
        RunResult up = engine(db).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals("3 clean", golang(db));
        RunResult down = engine(db).down(1, null);
        assertFalse(down.ok());
        assertEquals("encoding", down.problems().get(0).check());
        assertTrue(down.problems().get(0).file().endsWith("0003_create_orders.down.sql"));
        assertEquals("3 clean", golang(db));
        assertTrue(db.tableExists("user_service.orders"));
    }

    @Test
    void connectionErrorsNeverShowThePassword(FreshDatabase.TestDb db) {
        Migrations m = new Migrations(MigrationsConfig.builder()
                .url("jdbc:postgresql://127.0.0.1:1/postgres?password=hunter2secret&connectTimeout=2")
                .password("otherSecret42").service("user-service").dir(tmp).build());
        MigrationsException e = assertThrows(MigrationsException.class, m::status);
        assertFalse(e.getMessage().contains("hunter2secret"), e.getMessage());
        assertFalse(e.getMessage().contains("otherSecret42"), e.getMessage());
        assertFalse(m.config().toString().contains("otherSecret42"));
    }
}
