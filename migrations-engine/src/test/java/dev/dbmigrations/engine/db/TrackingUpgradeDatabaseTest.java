package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.source.MigrationReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tool's own tables carry a version, and a run upgrades those of every earlier release in place. */
@ExtendWith(FreshDatabase.class)
class TrackingUpgradeDatabaseTest {

    @TempDir
    Path tmp;

    private static final String UP1 = "create table users (id bigint primary key);";

    private Migrations engine(FreshDatabase.TestDb db) {
        new Folder(tmp).migration("0001_create_users", UP1, "drop table users;")
                .migration("0002_add_email", "alter table users add column email text;", "alter table users drop column email;");
        return new Migrations(MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp).build());
    }

    /** A database as an earlier release left it: its tables, with 0001 applied and recorded. */
    private static void earlierRelease(FreshDatabase.TestDb db, String shape) throws Exception {
        String ddl;
        try (InputStream in = TrackingUpgradeDatabaseTest.class.getResourceAsStream("/tracking-shapes/" + shape + ".sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{schema}", "user_service");
        }
        db.execute(ddl);
        db.execute("create table user_service.users (id bigint primary key)");
        db.execute("insert into user_service.user_service_schema_migrations values (1, false)");
        db.execute("insert into user_service.migrations_applied (version, name, checksum, kind, run_mode, environment,"
                + " applied_by, execution_ms) values (1, '0001_create_users', '" + MigrationReader.checksum(UP1)
                + "', 'applied', 'transaction', 'development', 'old', 12)");
        db.execute("insert into user_service.migrations_history (version, name, action, outcome, started_at, duration_ms)"
                + " values (1, '0001_create_users', 'up', 'success', now(), 12)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first-release", "main-2026-11"})
    void theTablesOfAnEarlierReleaseAreUpgradedAndKeepTheirRows(String shape, FreshDatabase.TestDb db) throws Exception {
        earlierRelease(db, shape);
        RunResult up = engine(db).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertTrue(up.notes().stream().anyMatch(n -> n.startsWith("Upgraded the tracking tables of schema user_service"
                + " to version 4")), up.notes().toString());
        assertEquals("[[2]]", db.rows("select version from user_service.migrations_applied where kind = 'applied'"
                + " and version > 1").toString(), "only 0002 ran");
        assertEquals("old", db.value("select applied_by from user_service.migrations_applied where version = 1"));
        assertEquals("[[1], [2], [3], [4]]", db.rows("select version from user_service.migrations_tracking order by 1").toString());
        assertEquals("2", db.value("select count(*) from user_service.migrations_history where action = 'up'"));
        StatusResult status = engine(db).status();
        assertEquals(2, status.version());
        RunResult again = engine(db).up(null, null);
        assertTrue(again.notes().stream().noneMatch(n -> n.startsWith("Upgraded")), "once is enough: " + again.notes());
    }

    @Test
    void tablesOfANewerReleaseAreRefusedAndLeftAlone(FreshDatabase.TestDb db) throws Exception {
        assertTrue(engine(db).up(1, null).ok());
        db.execute("insert into user_service.migrations_tracking (version, description) values (99, 'from the future')");
        RunResult refused = engine(db).up(null, null);
        assertFalse(refused.ok());
        assertEquals("tracking-version", refused.problems().get(0).check());
        assertTrue(refused.problems().get(0).message().contains("at version 99"), refused.problems().toString());
        assertEquals("1", db.value("select count(*) from user_service.migrations_applied"), "nothing ran");
    }
}
