package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statement-level resume of migrations that run outside a transaction. */
@ExtendWith(FreshDatabase.class)
class ResumeDatabaseTest {

    @TempDir
    Path tmp;

    private Migrations engine(FreshDatabase.TestDb db) {
        return new Migrations(MigrationsConfig.builder().url(db.url()).service("jobs").dir(tmp).build());
    }

    private void folder() {
        new Folder(tmp)
                .migration("0001_create_log", "create table log (step int);", "drop table log;")
                .migration("0002_three_steps", "-- migrations:no-transaction\ninsert into log values (1);\n"
                        + "insert into later select 2;\ninsert into log values (3);\n", null);
    }

    @Test
    void anUnchangedFileResumesAfterItsLastFinishedStatement(FreshDatabase.TestDb db) throws Exception {
        folder();
        RunResult first = engine(db).up(null, null);
        assertFalse(first.ok());
        assertTrue(first.dirtyAfter());
        assertEquals("1", db.value("select statements_done from jobs.migrations_progress where version = 2"));

        RunResult again = engine(db).up(null, null);
        assertFalse(again.ok(), "the table the second statement needs is still missing");
        assertFalse(again.notes().stream().anyMatch(n -> n.startsWith("Resumed")),
                "no 'Resumed' for a resume whose statement failed again: " + again.notes());
        assertEquals("1", db.value("select statements_done from jobs.migrations_progress where version = 2"));

        db.execute("create table jobs.later (step int)");
        RunResult second = engine(db).up(null, null);
        assertTrue(second.ok(), second.problems().toString());
        assertTrue(second.notes().contains("Resumed 0002_three_steps after statement 1 of 3"), second.notes().toString());
        assertEquals("[[1], [3]]", db.rows("select step from jobs.log order by step").toString(),
                "the first statement did not run twice");
        assertEquals("[[2]]", db.rows("select step from jobs.later").toString());
        assertEquals("[[2, f]]", db.rows("select version, dirty from jobs.jobs_schema_migrations").toString());
        assertEquals("0", db.value("select count(*) from jobs.migrations_progress"));
    }

    @Test
    void aChangedFileStillNeedsForce(FreshDatabase.TestDb db) throws Exception {
        folder();
        assertFalse(engine(db).up(null, null).ok());
        new Folder(tmp).file("0002_three_steps.up.sql", "-- migrations:no-transaction\ninsert into log values (1);\n"
                + "insert into log values (2);\n");
        RunResult refused = engine(db).up(null, null);
        assertEquals("dirty", refused.problems().get(0).check());
        assertTrue(refused.notes().get(0).contains("changed since the attempt"), refused.notes().toString());
    }

    @Test
    void aRunKilledMidStatementResumesAtThatStatement(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_log", "create table log (step int);\ncreate table delay (seconds int);\n"
                        + "insert into delay values (30);", "drop table log;\ndrop table delay;")
                .migration("0002_slow", "-- migrations:no-transaction\ninsert into log values (1);\n"
                        + "select pg_sleep(seconds) from delay;\ninsert into log values (3);\n", null);
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (int i = 0; i < 200; i++) {
                    var rs = st.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where query like 'select pg_sleep(seconds)%' and pid <> pg_backend_pid()");
                    if (rs.next()) {
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThrows(MigrationsException.class, () -> engine(db).up(null, null), "the connection died under the run");
        killer.get();
        assertEquals("[[2, t]]", db.rows("select version, dirty from jobs.jobs_schema_migrations").toString());
        assertEquals("1", db.value("select statements_done from jobs.migrations_progress where version = 2"));
        db.execute("update jobs.delay set seconds = 0"); // the file stays as it is
        RunResult again = engine(db).up(null, null);
        assertTrue(again.ok(), again.problems().toString());
        assertEquals("[[1], [3]]", db.rows("select step from jobs.log order by step").toString());
    }

    private Migrations engine(FreshDatabase.TestDb db, java.util.List<String> log) {
        return new Migrations(MigrationsConfig.builder().url(db.url()).service("jobs").dir(tmp)
                .listener(new dev.dbmigrations.engine.LogListener(log)).build());
    }

    @Test
    void anIndexBuildCutShortIsDroppedAndBuiltAgainInsteadOfAcceptedInvalid(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_users", "create table users (id int, email text);\n"
                        + "insert into users values (1, 'a'), (2, 'a');", "drop table users;")
                .migration("0002_indexes", "-- migrations:no-transaction\n"
                        + "create unique index concurrently if not exists users_email on users (email);\n"
                        + "create index concurrently users_id on users (id);\n", null);
        RunResult failed = engine(db).up(null, null);
        assertFalse(failed.ok(), "duplicate emails");
        assertEquals("f", db.value("select indisvalid from pg_index where indexrelid = 'jobs.users_email'::regclass"),
                "a failed concurrent build leaves an invalid index behind");
        db.execute("update jobs.users set email = 'b' where id = 2");
        java.util.List<String> log = dev.dbmigrations.engine.LogListener.newLog();
        RunResult resumed = engine(db, log).up(null, null);
        assertTrue(resumed.ok(), resumed.problems().toString());
        assertEquals("t", db.value("select indisvalid from pg_index where indexrelid = 'jobs.users_email'::regclass"),
                "IF NOT EXISTS must not accept the invalid index");
        assertTrue(log.stream().anyMatch(l -> l.contains("left the index invalid: dropping it and building it again")), log.toString());
    }

    @Test
    void aFinishedIndexBuildWhoseRecordWasLostIsNotBuiltAgain(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_users", "create table users (id int, email text);", "drop table users;")
                .migration("0002_index", "-- migrations:no-transaction\ncreate index concurrently users_id on users (id);\n"
                        + "insert into later values (1);\n", null);
        assertFalse(engine(db).up(null, null).ok(), "no table later yet");
        // as if the run had been killed after the index was built and before its record
        db.execute("update jobs.migrations_progress set statements_done = 0");
        db.execute("create table jobs.later (x int)");
        java.util.List<String> log = dev.dbmigrations.engine.LogListener.newLog();
        RunResult resumed = engine(db, log).up(null, null);
        assertTrue(resumed.ok(), "not 'relation users_id already exists': " + resumed.problems());
        assertTrue(log.stream().anyMatch(l -> l.contains("(create index concurrently users_id) had finished")), log.toString());
        assertEquals("1", db.value("select count(*) from jobs.later"));
    }

    @Test
    void aStatementThatCommitsItselfRunsOnceOutsideTheRecordTransaction(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_log", "create table log (step int);\n"
                        + "create procedure two_steps() language plpgsql as $$ begin insert into log values (1); commit;"
                        + " insert into log values (2); end $$;", "drop procedure two_steps();\ndrop table log;")
                .migration("0002_call", "-- migrations:no-transaction\ncall two_steps();\ninsert into log values (3);\n", null);
        RunResult r = engine(db).up(null, null);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("[[1], [2], [3]]", db.rows("select step from jobs.log order by step").toString());
    }
}
