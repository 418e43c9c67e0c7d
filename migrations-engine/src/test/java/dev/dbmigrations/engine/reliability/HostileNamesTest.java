package dev.dbmigrations.engine.reliability;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.db.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names chosen to break SQL: they are refused clearly, or stored as data, never run as SQL. */
@ExtendWith(FreshDatabase.class)
class HostileNamesTest {

    @TempDir
    Path tmp;

    @Test
    void hostileServiceSchemaAndTableNamesAreRefusedBeforeAnySql() {
        for (String service : List.of("users\"; drop schema public; --", "Users", "user service", "ünicode", "1st", "a;b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MigrationsConfig.builder().service(service).dir(tmp).build());
            assertTrue(e.getMessage().contains("fix:"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> MigrationsConfig.builder().service("ok").schema("x'; drop table y; --").dir(tmp).build());
        assertThrows(IllegalArgumentException.class,
                () -> MigrationsConfig.builder().service("ok").table("t; drop table y").dir(tmp).build());
    }

    @Test
    void hostileFileNamesAreStoredAsDataNotRun(FreshDatabase.TestDb db) throws Exception {
        db.execute("create table public.canary (id int)");
        new Folder(tmp).migration("0001_x'); drop table public.canary; --", "create table a (id int);", "drop table a;")
                .migration("0002_ünïcödé_名前", "create table b (id int);", "drop table b;");
        Migrations m = new Migrations(MigrationsConfig.builder().url(db.url()).service("hostile").dir(tmp).build());
        RunResult up = m.up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertTrue(db.tableExists("public.canary"), "the name was never run as SQL");
        assertEquals("[[0001_x'); drop table public.canary; --], [0002_ünïcödé_名前]]",
                db.rows("select name from hostile.migrations_applied order by version").toString());
        assertTrue(m.down(2, null).ok());
        assertTrue(db.tableExists("public.canary"));
        System.out.println("reliability: hostile names: 0 injections");
    }
}
