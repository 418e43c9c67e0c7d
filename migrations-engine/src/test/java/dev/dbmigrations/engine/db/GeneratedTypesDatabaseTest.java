package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.Diagnostic;
import dev.dbmigrations.engine.api.GenerateRequest;
import dev.dbmigrations.engine.api.GenerateResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.execute.CatalogSnapshot;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every packaged type, generated with only a name and a type into a fresh service: it validates with
 * no finding at production strictness, and on PostgreSQL applies, rolls back to exactly the schema
 * before it (catalog snapshot), and applies again.
 */
@ExtendWith(FreshDatabase.class)
class GeneratedTypesDatabaseTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "table, create_audit_events",
            "index, add_created_at_index_to_user_profiles",
            "column, add_nickname_to_user_profiles",
            "constraint, require_created_at_on_user_profiles",
            "foreign-key, add_account_id_to_user_profiles",
            "data, backfill_bio_on_user_profiles",
            "function, create_profile_label",
            "view, create_recent_profiles",
            "enum, add_archived_to_user_status",
            "trigger, add_touch_trigger_to_user_profiles",
            "seed, seed_user_profiles",
            "blank, fix_something_by_hand",
    })
    void generatedTypeValidatesAndSurvivesUpDownUp(String type, String name, FreshDatabase.TestDb db) throws Exception {
        Path dir = tmp.resolve("migrations");
        Migrations engine = new Migrations(MigrationsConfig.builder().url(db.url()).service("profile-service").dir(dir)
                .environment("production").build());
        // what the other types build on: a table from the table template, an account table, an enum, a column, rows
        assertTrue(engine.generate(new GenerateRequest("create_user_profiles", "table", null, null, "test", Map.of())).ok());
        assertTrue(engine.generate(new GenerateRequest("create_accounts", "table", null, null, "test", Map.of())).ok());
        new Folder(dir).migration("0003_create_user_status", "create type user_status as enum ('active');",
                        "drop type user_status;")
                .migration("0004_add_bio", "set lock_timeout = '5s';\nalter table user_profiles add column bio text;",
                        "set lock_timeout = '5s';\nalter table user_profiles drop column bio;")
                .migration("0005_sample_rows", "insert into user_profiles (created_at) select now() from generate_series(1, 2500);",
                        "delete from user_profiles where id <= 2500;");
        assertTrue(engine.up(null, null).ok());

        GenerateResult generated = engine.generate(new GenerateRequest(name, type, null, null, "test", Map.of()));
        assertTrue(generated.ok(), generated.problems().toString());
        assertEquals("0006", generated.version());

        ValidationResult v = engine.validate(Strictness.STRICT);
        List<Diagnostic> findings = v.diagnostics().stream()
                .filter(d -> !(type.equals("blank") && d.problem().check().equals("empty-migration"))).toList();
        assertEquals(List.of(), findings, "findings at production strictness");
        assertTrue(v.ok());

        CatalogSnapshot before = snapshot(db);
        RunResult up = engine.up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals(1, up.steps().size());
        if (!type.equals("data") && !type.equals("seed") && !type.equals("blank")) {
            assertTrue(!before.diff(snapshot(db)).isEmpty(), "the up changed the schema");
        }
        RunResult down = engine.down(1, null);
        assertTrue(down.ok(), down.problems().toString());
        assertEquals(List.of(), before.diff(snapshot(db)), "the schema after the down equals the schema before the up");
        RunResult again = engine.up(null, null);
        assertTrue(again.ok(), again.problems().toString());
    }

    private static CatalogSnapshot snapshot(FreshDatabase.TestDb db) throws Exception {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.take(c, "profile_service",
                    CatalogSnapshot.trackingObjects("profile_service", "profile_service_schema_migrations"));
        }
    }
}
