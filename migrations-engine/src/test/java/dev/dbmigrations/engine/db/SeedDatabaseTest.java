package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(FreshDatabase.class)
class SeedDatabaseTest {

    @TempDir
    Path tmp;

    private final List<String> log = LogListener.newLog();

    private MigrationsConfig.Builder config(FreshDatabase.TestDb db, String environment) {
        return MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp).environment(environment)
                .lockTimeout(Duration.ofSeconds(30))
                .listener(new LogListener(log));
    }

    private Migrations engine(FreshDatabase.TestDb db) {
        return new Migrations(config(db, "development").build());
    }

    private void schemaAndSeeds() {
        new Folder(tmp)
                .migration("0001_create_roles", "create table roles (name text primary key, rank int not null);",
                        "drop table roles;")
                .file("seeds/0001_roles.sql", "insert into roles values ('admin', 1), ('member', 2)\n"
                        + "on conflict (name) do update set rank = excluded.rank;")
                .file("seeds/0002_guest.sql", "insert into roles values ('guest', 3) on conflict do nothing;")
                .file("seeds/development/0001_demo.sql", "insert into roles values ('demo', 9) on conflict do nothing;")
                .file("seeds/production/0001_ops.sql", "insert into roles values ('ops', 0) on conflict do nothing;")
                .file("seeds/notes.txt", "not a seed");
    }

    @Test
    void seedsRunInOrderForTheirEnvironmentOnceAndAgainWhenChanged(FreshDatabase.TestDb db) throws Exception {
        schemaAndSeeds();
        assertTrue(engine(db).up(null, null).ok());
        RunResult seeded = engine(db).seed(false);
        assertTrue(seeded.ok(), seeded.problems().toString());
        assertEquals("admin,demo,guest,member", db.value("select string_agg(name, ',' order by name) from user_service.roles"));
        assertEquals("seeds/0001_roles.sql,seeds/0002_guest.sql,seeds/development/0001_demo.sql",
                db.value("select string_agg(name, ',' order by applied_at, name) from user_service.migrations_seeds"));
        assertTrue(log.stream().anyMatch(l -> l.matches("\\[3/3] seeds/development/0001_demo\\.sql seeded in \\d+ ms")),
                log.toString());

        RunResult again = engine(db).seed(false);
        assertTrue(again.ok());
        assertTrue(again.notes().contains("Nothing to seed: 3 seed(s), none new or changed"), again.notes().toString());

        new Folder(tmp).file("seeds/0001_roles.sql", "insert into roles values ('admin', 5) on conflict (name) do update set rank = excluded.rank;");
        RunResult changed = engine(db).seed(false);
        assertTrue(changed.ok());
        assertTrue(changed.notes().contains("Seeded 1 file(s); 2 unchanged skipped"), changed.notes().toString());
        assertEquals("5", db.value("select rank from user_service.roles where name = 'admin'"));

        RunResult all = engine(db).seed(true);
        assertTrue(all.notes().contains("Seeded 3 file(s)"), all.notes().toString());

        RunResult production = new Migrations(config(db, "production").build()).seed(false);
        assertTrue(production.ok(), production.problems().toString());
        assertEquals("0", db.value("select rank from user_service.roles where name = 'ops'"));
        assertEquals("production", db.value("select environment from user_service.migrations_seeds"
                + " where name = 'seeds/production/0001_ops.sql'"));
    }

    @Test
    void seedsWaitForPendingMigrations(FreshDatabase.TestDb db) throws Exception {
        schemaAndSeeds();
        RunResult refused = engine(db).seed(false);
        assertFalse(refused.ok());
        assertEquals("seed-pending", refused.problems().get(0).check());
        assertTrue(refused.problems().get(0).message().contains("(first: 0001_create_roles)"), refused.problems().toString());
        assertEquals("run migrations:up first, then migrations:seed", refused.problems().get(0).fix());
        assertFalse(db.tableExists("user_service.roles"));
        assertEquals("0", db.value("select count(*) from user_service.migrations_seeds"));
    }

    @Test
    void aFailingSeedIsRolledBackAndNamedWithItsLineAndTheOnesBeforeItStay(FreshDatabase.TestDb db) throws Exception {
        schemaAndSeeds();
        new Folder(tmp).file("seeds/0002_guest.sql", "insert into roles values ('guest', 3);\n"
                + "insert into roles values ('broken', 'not a number');");
        assertTrue(engine(db).up(null, null).ok());
        RunResult failed = engine(db).seed(false);
        assertFalse(failed.ok());
        assertEquals("seed-failed", failed.problems().get(0).check());
        assertTrue(failed.problems().get(0).file().endsWith("seeds/0002_guest.sql"));
        assertEquals(2, failed.problems().get(0).line());
        assertTrue(failed.problems().get(0).message().contains("SQLSTATE 22P02"), failed.problems().toString());
        assertEquals("admin,member", db.value("select string_agg(name, ',' order by name) from user_service.roles"));
        assertEquals("seeds/0001_roles.sql", db.value("select string_agg(name, ',') from user_service.migrations_seeds"));
    }

    @Test
    void aSeedThatCannotRunInATransactionIsRefusedBeforeAnySeedRuns(FreshDatabase.TestDb db) throws Exception {
        schemaAndSeeds();
        new Folder(tmp).file("seeds/0003_index.sql", "create index concurrently roles_rank on roles (rank);");
        assertTrue(engine(db).up(null, null).ok());
        RunResult refused = engine(db).seed(false);
        assertEquals("seed-transaction", refused.problems().get(0).check());
        assertEquals("0", db.value("select count(*) from user_service.roles"));
    }

    @Test
    void aBrokenSeedFileIsRejectedWithItsLineBeforeTheDatabaseIsTouched(FreshDatabase.TestDb db) throws Exception {
        schemaAndSeeds();
        new Folder(tmp).file("seeds/0002_guest.sql", "select 1;\ninsert into roles values ('guest, 3);");
        RunResult refused = engine(db).seed(false);
        assertEquals("sql-syntax", refused.problems().get(0).check());
        assertEquals(2, refused.problems().get(0).line());
        assertEquals("none", db.value("select coalesce(max(nspname), 'none') from pg_namespace where nspname = 'user_service'"));
    }

    @Test
    void aDryRunListsTheSeedsThatWouldRunAndChangesNothing(FreshDatabase.TestDb db) throws Exception {
        schemaAndSeeds();
        assertTrue(engine(db).up(null, null).ok());
        RunResult dry = new Migrations(config(db, "development").dryRun(true).build()).seed(false);
        assertTrue(dry.ok(), dry.problems().toString());
        assertTrue(dry.dryRunScript().contains("3 of 3 seed(s) would run"), dry.dryRunScript());
        assertTrue(dry.dryRunScript().contains("-- seeds/development/0001_demo.sql"), dry.dryRunScript());
        assertEquals("0", db.value("select count(*) from user_service.roles"));
    }
}
