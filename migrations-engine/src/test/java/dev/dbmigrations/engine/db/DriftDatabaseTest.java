package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.DriftResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrations:drift compares the live schema with a replay of its applied migrations. */
@ExtendWith(FreshDatabase.class)
class DriftDatabaseTest {

    @TempDir
    Path tmp;

    private Migrations engine(FreshDatabase.TestDb db) {
        return new Migrations(MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp).build());
    }

    @Test
    void changesMadeByHandAreListedAndTheTargetIsOnlyRead(FreshDatabase.TestDb db) throws Exception {
        // a serial default and a foreign key print schema names by the reading session's search_path: both sides read alike
        new Folder(tmp).migration("0001_create_users", "create table users (id bigserial primary key, email text);\n"
                                + "create table orders (id bigserial primary key, user_id bigint references users (id));",
                        "drop table orders;\ndrop table users;")
                .migration("0002_email_index", "create index users_email on users (email);", "drop index users_email;")
                .migration("0003_pending", "create table later (id int);", "drop table later;");
        assertTrue(engine(db).up(2, null).ok());
        DriftResult clean = engine(db).drift(null);
        assertTrue(clean.ok(), clean.problems().toString());
        assertEquals(2, clean.services().get(0).applied(), "only the applied migrations are replayed");

        db.execute("alter table user_service.users add column nickname text");
        db.execute("drop index user_service.users_email");
        String history = db.value("select count(*) from user_service.migrations_history");
        DriftResult drifted = engine(db).drift(null);
        assertFalse(drifted.ok());
        DriftResult.Service s = drifted.services().get(0);
        assertEquals(List.of("column users.nickname text"), s.added());
        assertTrue(s.missing().stream().anyMatch(m -> m.startsWith("index users_email")), s.missing().toString());
        assertEquals("drift", drifted.problems().get(0).check());
        assertEquals(history, db.value("select count(*) from user_service.migrations_history"), "nothing written to the target");
        assertEquals("0", db.value("select count(*) from pg_database where datname like 'dbmigrations\\_verify\\_%'"));
    }
}
