package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy fails closed: no goal that changes the database starts past a broken or unknown policy. */
@ExtendWith(FreshDatabase.class)
class FailClosedDatabaseTest {

    @TempDir
    Path tmp;

    private MigrationsConfig.Builder cfg(FreshDatabase.TestDb db, String environment) {
        return MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp).environment(environment)
                .backupDir(tmp.resolve("backups")).lockTimeout(Duration.ofSeconds(30));
    }

    private Folder folder() {
        return new Folder(tmp)
                .migration("0001_create_users", "create table users (id bigint primary key, nickname text);", "drop table users;")
                .migration("0002_drop_nickname", "alter table users drop column nickname;",
                        "alter table users add column nickname text;");
    }

    /** Every goal that changes the database, as the engine runs it. */
    private static final List<Function<Migrations, RunResult>> CHANGING = List.of(
            m -> m.init(), m -> m.up(null, null), m -> m.down(null, null), m -> m.gotoVersion(2), m -> m.force(2),
            m -> m.baseline(2), m -> m.repair(), m -> m.seed(false), m -> m.backup(null));

    private void assertEveryGoalRefuses(FreshDatabase.TestDb db, String environment, String check, int line)
            throws Exception {
        for (Function<Migrations, RunResult> goal : CHANGING) {
            RunResult r = goal.apply(new Migrations(cfg(db, environment).build()));
            assertFalse(r.ok(), r.command() + " ran");
            Problem p = r.problems().get(0);
            assertEquals(check, p.check(), r.command() + ": " + r.problems());
            assertNotNull(p.file(), p.format());
            if (line > 0) {
                assertEquals(line, p.line(), p.format());
            }
            assertFalse(db.value("select count(*) from pg_namespace where nspname = 'user_service'").equals("1"),
                    r.command() + " created the schema");
        }
        Path dump = tmp.resolve("none.dump");
        java.nio.file.Files.writeString(dump, "x");
        RunResult restore = new Migrations(cfg(db, environment).build()).restore(dump, "user_service");
        assertEquals(check, restore.problems().get(0).check(), restore.problems().toString());
        // clean runs only in development; elsewhere that refusal comes first, and nothing is dropped either way
        RunResult clean = new Migrations(cfg(db, environment).build()).clean("user_service");
        assertEquals(environment.equals("development") ? check : "clean-environment", clean.problems().get(0).check(),
                clean.problems().toString());
    }

    @Test
    void cleanInDevelopmentRefusesABrokenPolicyBeforeItDropsAnything(FreshDatabase.TestDb db) throws Exception {
        folder();
        assertTrue(new Migrations(cfg(db, "development").build()).up(null, null).ok());
        folder().file("environments.json", "{\n  \"development\": {\"lint\": \"relaxed\",}\n}\n");
        RunResult clean = new Migrations(cfg(db, "development").build()).clean("user_service");
        assertEquals("json", clean.problems().get(0).check(), clean.problems().toString());
        assertEquals("1", db.value("select count(*) from pg_namespace where nspname = 'user_service'"), "nothing dropped");
    }

    @Test
    void invalidJsonInEnvironmentsStopsEveryGoalBeforeItConnects(FreshDatabase.TestDb db) throws Exception {
        folder().file("environments.json", "{\n  \"production\": {\"approval\": \"high\",}\n}\n");
        assertEveryGoalRefuses(db, "production", "json", 2);
        Problem p = new Migrations(cfg(db, "production").build()).up(null, null).problems().get(0);
        assertTrue(p.fix().startsWith("remove the comma before it"), p.format());
        RunResult dry = new Migrations(cfg(db, "production").dryRun(true).build()).up(null, null);
        assertEquals("json", dry.problems().get(0).check(), "a dry run shows the refusal an up would meet");
        assertFalse(new Migrations(cfg(db, "production").build()).status().problems().isEmpty(), "status shows it");
    }

    @Test
    void badValuesAreErrorsNeverDropped(FreshDatabase.TestDb db) throws Exception {
        folder().file("environments.json", String.join("\n", "{",
                "  \"production\": {",
                "    \"approval\": \"hihg\",",
                "    \"backups\": \"always\",",
                "    \"lockTimeout\": \"5 parsecs\",",
                "    \"maintenanceWindows\": [",
                "      {\"days\": [\"saturday\"], \"from\": \"25:00\", \"to\": \"05:00\", \"zone\": \"Mars/Olympus\"},",
                "      {\"days\": [\"sun\"], \"from\": \"02:00\"}",
                "    ]",
                "  }",
                "}"));
        RunResult r = new Migrations(cfg(db, "production").build()).up(null, null);
        List<String> found = r.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.message()).toList();
        assertEquals(7, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("3:17 \"approval\" of production must be one of"), found.toString());
        assertTrue(found.get(0).contains("not \"hihg\""), found.toString());
        assertTrue(found.get(1).startsWith("4:5 unknown key \"backups\""), found.toString());
        assertTrue(r.problems().get(1).fix().contains("did you mean \"backup\""), r.problems().get(1).fix());
        assertTrue(found.get(2).startsWith("5:20 \"lockTimeout\" of production is not a duration"), found.toString());
        assertTrue(found.get(3).contains("not \"saturday\""), found.toString());
        assertTrue(found.get(4).contains("not \"25:00\""), found.toString());
        assertTrue(found.get(5).contains("\"zone\" is not a time zone: \"Mars/Olympus\""), found.toString());
        assertTrue(found.get(6).startsWith("8:7 a maintenance window of production has no \"to\""), found.toString());
        assertFalse(db.tableExists("user_service.users"));
        assertEveryGoalRefuses(db, "production", "environments", 3);

        // validate reports exactly the same problems: one check, one place
        ValidationResult v = new Migrations(cfg(db, "production").build()).validate(null);
        List<String> validated = v.diagnostics().stream().map(d -> d.problem())
                .filter(p -> p.check().equals("environments")).map(p -> p.line() + ":" + p.column() + " " + p.message()).toList();
        assertEquals(found, validated);
    }

    @Test
    void anEnvironmentTheFileDoesNotDefineIsRefused(FreshDatabase.TestDb db) throws Exception {
        folder().file("environments.json", "{\"staging\": {\"lint\": \"strict\"}, \"production\": {\"extends\": \"staging\"}}");
        assertEveryGoalRefuses(db, "prod", "unknown-environment", 0);
        RunResult r = new Migrations(cfg(db, "prod").build()).up(null, null);
        assertTrue(r.problems().get(0).message().contains("which defines staging, production"), r.problems().toString());
        assertFalse(new Migrations(cfg(db, "prod").build()).validate(null).ok(), "validate says so too");

        RunResult dev = new Migrations(cfg(db, "development").build()).up(null, null);
        assertTrue(dev.ok(), "development may stay implicit: " + dev.problems());
    }

    @Test
    void aBrokenDependenciesFileStopsTheRun(FreshDatabase.TestDb db) throws Exception {
        folder().file("dependencies.json", "{\"0002_drop_nickname\": {\"requires\": [\"0001_create_u");
        assertEveryGoalRefuses(db, "development", "json", 1);

        folder().file("dependencies.json", "{\"0002_drop_nickname\": {\"requires\": [\"0009_missing\"]}}");
        assertEveryGoalRefuses(db, "development", "dependencies", 1);

        folder().migration("0003_b", "select 1;", null)
                .file("dependencies.json", "{\"0002_drop_nickname\": {\"requires\": [\"0003_b\"]},"
                        + " \"0003_b\": {\"requires\": [\"0002_drop_nickname\"]}}");
        RunResult cycle = new Migrations(cfg(db, "development").build()).up(null, null);
        assertTrue(cycle.problems().get(0).message().contains("dependency cycle"), cycle.problems().toString());
        assertFalse(db.tableExists("user_service.users"));
    }

    @Test
    void aReactorRunRefusesEveryServiceWhenOneHasABrokenPolicy(FreshDatabase.TestDb db) throws Exception {
        Path billing = tmp.resolve("billing");
        new Folder(billing).migration("0001_create_accounts", "create table accounts (id bigint primary key);",
                "drop table accounts;").file("environments.json", "{\"production\": {\"backup\": \"sometimes\"}}");
        Path users = tmp.resolve("users");
        new Folder(users).migration("0001_create_users", "create table users (id bigint primary key);", "drop table users;")
                .file("environments.json", "{\"production\": {}}");
        List<RunResult> results = new Reactor(List.of(
                MigrationsConfig.builder().url(db.url()).service("billing-service").dir(billing).environment("production").build(),
                MigrationsConfig.builder().url(db.url()).service("user-service").dir(users).environment("production").build()))
                .up(null);
        assertEquals("environments", results.get(0).problems().get(0).check(), results.toString());
        assertFalse(db.tableExists("user_service.users"), "nothing of the plan ran");
    }

    @Test
    void aLockTimeoutIsBlamedOnTheSessionHoldingTheLockNotOnTheSql(FreshDatabase.TestDb db) throws Exception {
        folder();
        assertTrue(new Migrations(cfg(db, "development").build()).up(1, null).ok());
        try (java.sql.Connection holder = db.connect(); java.sql.Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("lock table user_service.users in access share mode");
            RunResult r = new Migrations(cfg(db, "development").statementLockTimeout(Duration.ofMillis(300)).build())
                    .up(null, null);
            holder.rollback();
            Problem p = r.problems().get(0);
            assertTrue(p.message().contains("SQLSTATE 55P03"), p.format());
            assertTrue(p.fix().startsWith("another session holds a lock this statement needs"), p.format());
            assertTrue(p.fix().contains("nothing of 0002_drop_nickname was kept"), p.format());
            assertFalse(p.fix().contains("fix the statement"), p.format());
        }
    }
}
