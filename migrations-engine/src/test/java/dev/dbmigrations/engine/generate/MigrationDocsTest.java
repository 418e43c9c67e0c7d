package dev.dbmigrations.engine.generate;

import dev.dbmigrations.engine.Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationDocsTest {

    @TempDir
    Path tmp;

    private void folder() {
        new Folder(tmp)
                .migration("0001_create_users", "-- Purpose: create table users.\n"
                        + "create table users (id bigint generated always as identity primary key, nickname text);",
                        "drop table users;")
                .migration("0002_drop_nickname", "-- Purpose: nobody reads nickname since the profile page went.\n"
                        + "alter table users drop column nickname;", "alter table users add column nickname text;")
                .file("0003_index_users.up.sql", "-- migrations:no-transaction\n"
                        + "create index concurrently if not exists users_id on users (id);")
                .file("dependencies.json", "{\"0002_drop_nickname\": {\"requires\": [\"0001_create_users\","
                        + " \"billing-service:0001_create_accounts\"]}}");
    }

    @Test
    void everyMigrationGetsAPageAndTheIndexListsThem() throws Exception {
        folder();
        dev.dbmigrations.engine.api.DocsResult r = MigrationDocs.write(tmp, "user-service", "user_service", false);
        assertEquals(List.of(), r.problems());
        assertEquals(4, r.written().size(), r.written().toString());
        String drop = Files.readString(tmp.resolve("docs/0002_drop_nickname.md"));
        assertTrue(drop.startsWith("# 0002_drop_nickname\n\nnobody reads nickname since the profile page went.\n"), drop);
        assertTrue(drop.contains("| risk | high |"), drop);
        assertTrue(drop.contains("| up | 2 | `ban-drop-column` | high |"), drop);
        assertTrue(drop.contains("| requires | [0001_create_users](0001_create_users.md), billing-service:0001_create_accounts |"), drop);
        assertTrue(drop.contains("## Down\n\n```sql\nalter table users add column nickname text;\n```"), drop);
        String users = Files.readString(tmp.resolve("docs/0001_create_users.md"));
        assertTrue(users.contains("| required by | [0002_drop_nickname](0002_drop_nickname.md) |"), users);
        String index = Files.readString(tmp.resolve("docs/0003_index_users.md"));
        assertTrue(index.contains("| runs | outside a transaction, statement by statement;"), index);
        assertTrue(index.contains("| reversible | no: there is no down file |"), index);
        String readme = Files.readString(tmp.resolve("docs/README.md"));
        assertTrue(readme.contains("| 0002 | [drop_nickname](0002_drop_nickname.md) | all | high | yes |"
                + " nobody reads nickname since the profile page went. |"), readme);
        assertTrue(Files.readString(tmp.resolve("README.md")).contains("| 0003 | index_users | all | no |"));
    }

    @Test
    void pagesAreStableAndCheckFindsTheStaleOnes() throws Exception {
        folder();
        MigrationDocs.write(tmp, "user-service", "user_service", false);
        assertEquals(List.of(), MigrationDocs.write(tmp, "user-service", "user_service", false).written(), "the same folder, the same pages");
        assertEquals(List.of(), MigrationDocs.write(tmp, "user-service", "user_service", true).stale());

        new Folder(tmp).file("0002_drop_nickname.up.sql", "alter table users drop column if exists nickname;");
        Files.delete(tmp.resolve("0003_index_users.up.sql"));
        dev.dbmigrations.engine.api.DocsResult check = MigrationDocs.write(tmp, "user-service", "user_service", true);
        assertEquals(List.of(tmp.resolve("docs/0002_drop_nickname.md"), tmp.resolve("docs/README.md"),
                tmp.resolve("docs/0003_index_users.md")), check.stale());
        assertTrue(Files.exists(tmp.resolve("docs/0003_index_users.md")), "check writes nothing");
        MigrationDocs.write(tmp, "user-service", "user_service", false);
        assertFalse(Files.exists(tmp.resolve("docs/0003_index_users.md")), "the page of a removed migration goes");
    }

    @Test
    void validateSaysWhenKeptDocsNoLongerMatchTheFiles() {
        folder();
        dev.dbmigrations.engine.Migrations m = new dev.dbmigrations.engine.Migrations(
                dev.dbmigrations.engine.api.MigrationsConfig.builder().service("user-service").dir(tmp).build());
        assertTrue(m.validate(null).notes().stream().noneMatch(n -> n.contains("docs/")), "no docs/ kept: nothing said");
        assertEquals(List.of(), m.docs(false).problems());
        assertTrue(m.validate(null).notes().stream().noneMatch(n -> n.contains("docs/")), "docs current: nothing said");
        new Folder(tmp).file("0003_index_users.up.sql", "-- migrations:no-transaction\n"
                + "create index concurrently if not exists users_nickname on users (nickname);");
        assertTrue(m.validate(null).notes().contains("1 page(s) of docs/ are out of date (docs/0003_index_users.md):"
                + " run mvn migrations:docs"), m.validate(null).notes().toString());
    }

    @Test
    void aBrokenFolderIsReportedAndNothingIsWritten() {
        new Folder(tmp).file("0001_x.up.sql", "select 'unterminated;");
        dev.dbmigrations.engine.api.DocsResult r = MigrationDocs.write(tmp, "user-service", "user_service", false);
        assertEquals("sql-syntax", r.problems().get(0).check());
        assertFalse(Files.exists(tmp.resolve("docs")));
    }
}
