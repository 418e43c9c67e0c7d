package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.CatalogSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(FreshDatabase.class)
class BackupDatabaseTest {

    @TempDir
    Path tmp;

    private final List<String> log = LogListener.newLog();

    private MigrationsConfig.Builder config(FreshDatabase.TestDb db) {
        return MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp.resolve("migrations"))
                .backupDir(tmp.resolve("backups")).lockTimeout(Duration.ofSeconds(30)).listener(new LogListener(log));
    }

    @org.junit.jupiter.api.BeforeEach
    void pgDumpOfTheServersVersion() {
        String problem = PostgresServer.pgDumpProblem();
        org.junit.jupiter.api.Assumptions.assumeTrue(problem == null, () -> "backup tests skipped: " + problem);
    }

    private Migrations engine(FreshDatabase.TestDb db) {
        return new Migrations(config(db).build());
    }

    private Folder folder() {
        return new Folder(tmp.resolve("migrations"))
                .migration("0001_create_users", "create table users (id bigint primary key, email text not null);",
                        "drop table users;")
                .migration("0002_add_name", "alter table users add column name text;", "alter table users drop column name;");
    }

    private static CatalogSnapshot snapshot(FreshDatabase.TestDb db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url())) {
            return CatalogSnapshot.take(c, "user_service", Set.of());
        }
    }

    private List<Path> backups() throws Exception {
        Path dir = tmp.resolve("backups");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /**
     * A restore is one transaction end to end: a JVM killed at any moment of it (here while its
     * session copies the data, and at random moments) leaves the schema exactly as it was, or, when the
     * random moment comes after the commit, exactly as restored; never part of the way, never with a
     * schema set aside; and the next restore goes through.
     */
    @Test
    void aRestoreKilledAtAnyMomentLeavesTheSchemaAsItWas(FreshDatabase.TestDb db) throws Exception {
        folder();
        assertTrue(engine(db).up(null, null).ok());
        db.execute("insert into user_service.users select g, 'u' || g || '@example.com', 'n' || g"
                + " from generate_series(1, 300000) g");
        Path file = tmp.resolve("big.dump");
        assertTrue(engine(db).backup(file).ok());
        CatalogSnapshot backedUp = snapshot(db);
        db.execute("delete from user_service.users where id > 10");
        db.execute("create table user_service.scratch (id int)");
        CatalogSnapshot live = snapshot(db);
        int cutShort = 0;
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 3; trial++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), dev.dbmigrations.engine.reliability.RestoreMain.class.getName(),
                    db.url(), tmp.resolve("migrations").toString(), file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String moment = trial == 0 ? "copy" : "random";
            boolean copying = false;
            for (int w = 0; w < 400 && child.isAlive(); w++) {
                copying = !db.value("select count(*) from pg_stat_activity where application_name like"
                        + " 'dbmigrations user-service restore%' and query like 'COPY%' and state = 'active'").equals("0");
                if (trial == 0 ? copying : w * 25 > 300 + random.nextInt(900)) {
                    break;
                }
                Thread.sleep(25);
            }
            assertTrue(trial > 0 || copying, "trial 0 kills the run while its session copies the data");
            child.destroyForcibly();
            child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            for (int w = 0; w < 400 && !db.value("select count(*) from pg_stat_activity where application_name like"
                    + " 'dbmigrations user-service%'").equals("0"); w++) {
                Thread.sleep(25);
            }
            CatalogSnapshot after = snapshot(db);
            String rows = db.value("select count(*) from user_service.users");
            if (trial > 0 && after.equals(backedUp) && rows.equals("300000")) {
                // the random moment fell after the restore committed: all of it happened, none of it half;
                // back to the state before it for the next trial
                db.execute("delete from user_service.users where id > 10");
                db.execute("create table user_service.scratch (id int)");
            } else {
                assertEquals(live, after, "trial " + trial + " (" + moment + "): the schema is as it was");
                assertEquals("10", rows, "trial " + trial);
                cutShort++;
            }
            assertEquals("none", db.value("select coalesce(max(nspname), 'none') from pg_namespace"
                    + " where nspname like '%before_restore'"), "trial " + trial);
        }
        assertTrue(cutShort >= 1, "at least the kill during the copy stops a restore half-way");
        RunResult restored = engine(db).restore(file, "user_service");
        assertTrue(restored.ok(), restored.problems().toString());
        assertEquals("300000", db.value("select count(*) from user_service.users"));
    }

    @Test
    void aBackupRestoresTheSchemaItsDataAndItsTrackingAsTheyWere(FreshDatabase.TestDb db) throws Exception {
        folder();
        assertTrue(engine(db).up(null, null).ok());
        db.execute("insert into user_service.users values (1, 'ada@example.com', 'Ada')");
        Path file = tmp.resolve("before.dump");
        RunResult backup = engine(db).backup(file);
        assertTrue(backup.ok(), backup.problems().toString());
        assertTrue(Files.size(file) > 0);
        CatalogSnapshot before = snapshot(db);

        assertTrue(engine(db).down(1, null).ok());
        db.execute("delete from user_service.users");
        db.execute("create table user_service.scratch (id int)");
        assertFalse(before.equals(snapshot(db)));

        RunResult refused = engine(db).restore(file, null);
        assertEquals("restore-confirm", refused.problems().get(0).check());
        assertEquals("-Dmigrations.confirm=user_service", refused.problems().get(0).fix().replaceAll(".* ", ""));
        assertFalse(db.tableExists("user_service.users") && db.value("select count(*) from user_service.users").equals("1"));

        RunResult restored = engine(db).restore(file, "user_service");
        assertTrue(restored.ok(), restored.problems().toString());
        CatalogSnapshot after = snapshot(db);
        assertEquals(before.lines().stream().filter(l -> !l.contains("migrations_history")).toList(),
                after.lines().stream().filter(l -> !l.contains("migrations_history")).toList());
        assertEquals("Ada", db.value("select name from user_service.users"));
        assertEquals("2", db.value("select version from user_service.user_service_schema_migrations"));
        assertEquals("none", db.value("select coalesce(max(nspname), 'none') from pg_namespace where nspname like '%before_restore'"));
        // the history is append-only: what happened since the backup (the backup itself, the down) is kept
        assertEquals("up,up,backup,down,restore", db.value("select string_agg(action, ',' order by id)"
                + " from user_service.migrations_history"));
    }

    @Test
    void restoreRefusesWhileAnotherSchemaDependsOnThisOne(FreshDatabase.TestDb db) throws Exception {
        folder();
        assertTrue(engine(db).up(null, null).ok());
        Path file = tmp.resolve("users.dump");
        assertTrue(engine(db).backup(file).ok());
        db.execute("create schema billing_service; create table billing_service.accounts (id bigint primary key,"
                + " user_id bigint references user_service.users (id));"
                + " create view billing_service.emails as select email from user_service.users");
        RunResult refused = engine(db).restore(file, "user_service");
        assertEquals("restore-dependents", refused.problems().get(0).check());
        assertTrue(refused.problems().get(0).message().endsWith("foreign key accounts_user_id_fkey of billing_service.accounts,"
                + " view billing_service.emails"), refused.problems().get(0).message());
        assertTrue(db.tableExists("user_service.users"));
        assertEquals("1", db.value("select count(*) from pg_constraint where conname = 'accounts_user_id_fkey'"));
    }

    @Test
    void aDestructivePolicyBacksUpBeforeADropAndBeforeADownButNotBeforeAnAddition(FreshDatabase.TestDb db) throws Exception {
        folder().file("environments.json", "{\"development\": {\"backup\": \"destructive\"}}");
        assertTrue(engine(db).up(null, null).ok());
        assertEquals(List.of(), backups(), "creating tables and adding a column destroy nothing");

        new Folder(tmp.resolve("migrations")).migration("0003_drop_name", "alter table users drop column name;",
                "alter table users add column name text;");
        RunResult up = engine(db).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals(1, backups().size());
        assertTrue(backups().get(0).getFileName().toString().matches("user_service-\\d{8}-\\d{6}-\\d{3}-before-up\\.dump"),
                backups().toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Backed up schema user_service to ") && l.endsWith(
                "before up, as the development policy asks")), log.toString());

        assertTrue(engine(db).down(1, null).ok());
        assertEquals(2, backups().size());
        assertEquals("2", db.value("select count(*) from user_service.migrations_history where action = 'backup'"
                + " and outcome = 'success'"));
    }

    @Test
    void aFailedPolicyBackupStopsTheRunBeforeAnythingRunsAndNeverShowsThePassword(FreshDatabase.TestDb db) throws Exception {
        folder().file("environments.json", "{\"development\": {\"backup\": \"always\"}}");
        // a pg_dump that fails loudly, printing the password it was given
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fake = bin.resolve("pg_dump");
        Files.writeString(fake, "#!/bin/sh\necho \"pg_dump: error: connection failed for password $PGPASSWORD\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        RunResult up = new Migrations(config(db).password("Sup3rSecret-77").pgBin(bin.toString()).build()).up(null, null);
        assertFalse(up.ok());
        assertEquals("backup-failed", up.problems().get(0).check());
        assertTrue(up.problems().get(0).message().contains("pg_dump exited with 1"), up.problems().toString());
        assertFalse(up.problems().toString().contains("Sup3rSecret-77"), up.problems().toString());
        assertTrue(up.problems().get(0).fix().endsWith("nothing was run"), up.problems().get(0).fix());
        assertFalse(db.tableExists("user_service.users"));
        assertFalse(db.value("select string_agg(error, ' ') from user_service.migrations_history").contains("Sup3rSecret-77"));
    }

    @Test
    void aMissingPgDumpIsNamedWithTheFix(FreshDatabase.TestDb db) throws Exception {
        folder();
        RunResult backup = new Migrations(config(db).pgBin(tmp.resolve("no-such-bin").toString()).build()).backup(null);
        assertEquals("backup-failed", backup.problems().get(0).check());
        assertTrue(backup.problems().get(0).fix().contains("set migrations.pgBin"), backup.problems().get(0).fix());
    }
}
