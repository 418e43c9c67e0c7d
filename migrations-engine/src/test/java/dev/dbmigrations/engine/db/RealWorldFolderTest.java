package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Folders as teams really write them must just work, with exact bookkeeping. */
@ExtendWith(FreshDatabase.class)
class RealWorldFolderTest {

    @TempDir
    Path tmp;

    private Migrations engine(FreshDatabase.TestDb db) {
        return new Migrations(MigrationsConfig.builder().url(db.url()).service("shop").dir(tmp).build());
    }

    private static String golang(FreshDatabase.TestDb db) throws Exception {
        List<List<String>> rows = db.rows("select version, dirty from shop.shop_schema_migrations");
        return rows.isEmpty() ? "empty" : rows.get(0).get(0) + (rows.get(0).get(1).equals("t") ? " dirty" : " clean");
    }

    @Test
    void everyKindOfRealWorldFileApplies(FreshDatabase.TestDb db) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] crlf = "create table customers (\r\n  id int primary key,\r\n  note text default 'a;b'\r\n);\r\ninsert into customers values (1, 'x');\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + crlf.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(crlf, 0, withBom, bom.length, crlf.length);
        new Folder(tmp)
                .bytes("1_customers.up.sql", withBom)
                .file("1_customers.down.sql", "drop table customers")
                .migration("2_wrapped", "BEGIN;\ncreate table orders (id int primary key, status text);\ninsert into orders values (1, 'new');\nCOMMIT;\n",
                        "begin;\ndrop table orders;\ncommit;\n")
                .migration("3_half_way_tx", "create table audit (id int);\nBEGIN;\ninsert into audit values (1);\ninsert into audit values (2);\nCOMMIT;\n",
                        "drop table audit;")
                .migration("4_session_state", "create temp table staging (id int) on commit drop;\ninsert into staging values (7);\n"
                        + "create function pg_temp.double_it(int) returns int language sql as $$ select $1 * 2 $$;\n"
                        + "insert into audit select pg_temp.double_it(id) from staging;\n", "delete from audit where id = 14;")
                .migration("5_functions", "create or replace function touch() returns trigger language plpgsql as $body$\n"
                        + "begin\n  new.status := coalesce(new.status, 'new; default');\n  return new;\nend;\n$body$;\n"
                        + "do $do$ begin perform 1; raise notice 'semi; colon'; end $do$;\n"
                        + "create trigger orders_touch before insert on orders for each row execute function touch()",
                        "drop trigger orders_touch on orders;\ndrop function touch();")
                .migration("6_enum", "create type mood as enum ('happy');\n", "drop type mood;")
                .migration("7_enum_value", "alter type mood add value 'sad';\n", null)
                .migration("10_index", "create index concurrently orders_status on orders (status);\n",
                        "drop index concurrently orders_status;")
                .migration("11_comments_only", "-- nothing to do here\n/* still /* nothing */ */\n", "-- nothing\n")
                .migration("12_sql_function", "create function add_one(i int) returns int language sql\nbegin atomic\n  select i + 1;\nend;\n"
                        + "insert into audit values (add_one(99));", "drop function add_one(int);");
        RunResult up = engine(db).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 10L, 11L, 12L), up.steps().stream().map(Step::version).toList(),
                "numeric order, not name order");
        assertEquals(RunMode.TRANSACTION, up.steps().get(0).mode());
        assertEquals(RunMode.WRAPPED, up.steps().get(1).mode());
        assertEquals(RunMode.SELF_MANAGED, up.steps().get(2).mode());
        assertEquals(RunMode.NO_TRANSACTION, up.steps().get(7).mode());
        assertEquals("12 clean", golang(db));
        assertEquals("x", db.value("select note from shop.customers where id = 1"));
        assertEquals("new", db.value("select status from shop.orders"));
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("14"), List.of("100")), db.rows("select id from shop.audit order by id"));
        assertEquals("{happy,sad}", db.value("select enum_range(null::shop.mood)::text"));
        assertEquals("t", db.value("select indisvalid from pg_index where indexrelid = 'shop.orders_status'::regclass"));
        assertEquals("10", db.value("select count(*) from shop.migrations_applied"));

        RunResult down = engine(db).down(null, 6L);
        assertFalse(down.ok(), "7 is irreversible");
        assertEquals("irreversible", down.problems().get(0).check());
        assertEquals(3, down.steps().size(), "12, 11 and 10 roll back, then 7 stops the run");
        assertEquals("7 clean", golang(db));
        assertFalse(db.tableExists("shop.orders_status"));
    }

    @Test
    void aSelfManagedFileThatFailsInsideItsTransactionIsDirtyAndRolledBack(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("1_ok", "create table t (id int primary key);", "drop table t;")
                .migration("2_self", "insert into t values (1);\nBEGIN;\ninsert into t values (2);\ninsert into t values (2);\nCOMMIT;\n", "delete from t;");
        RunResult up = engine(db).up(null, null);
        assertFalse(up.ok());
        assertEquals(4, up.problems().get(0).line());
        assertEquals("2 dirty", golang(db));
        assertEquals(List.of(List.of("1")), db.rows("select id from shop.t"), "the file's own transaction was rolled back");
        assertEquals("failed", db.value("select outcome from shop.migrations_history where version = 2"));
    }

    @Test
    void aFileThatLeavesATransactionOpenFails(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp).migration("1_open", "create table t (id int);\nBEGIN;\ninsert into t values (1);\n", null);
        RunResult up = engine(db).up(null, null);
        assertFalse(up.ok());
        assertTrue(up.problems().get(0).message().contains("transaction open"), up.problems().toString());
        assertEquals("1 dirty", golang(db));
    }

    @Test
    void environmentFoldersApplyOnlyInTheirEnvironment(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_create_users", "create table users (id int);", "drop table users;")
                .migration("development/0002_dev_users", "insert into users values (42);", "delete from users where id = 42;")
                .migration("production/0003_prod_grants", "comment on table users is 'prod';", null);
        assertTrue(engine(db).up(null, null).ok());
        assertEquals(List.of(List.of("42")), db.rows("select id from shop.users"));
        assertEquals("2", db.value("select count(*) from shop.migrations_applied"));
        assertEquals("development", db.value("select environment from shop.migrations_applied where version = 2"));
    }

    @Test
    void anOutOfOrderMigrationNeedsTheFlagOutsideDevelopment(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_a", "create table a (id int);", "drop table a;")
                .migration("0003_c", "create table c (id int);", "drop table c;");
        assertTrue(engine(db).up(null, null).ok());
        new Folder(tmp).migration("0002_b", "create table b (id int);", "drop table b;");
        RunResult refused = new Migrations(MigrationsConfig.builder().url(db.url()).service("shop").dir(tmp)
                .environment("production").build()).up(null, null);
        assertEquals("out-of-order", refused.problems().get(0).check());
        assertFalse(db.tableExists("shop.b"));
        RunResult allowed = engine(db).up(null, null);
        assertTrue(allowed.ok(), allowed.problems().toString());
        assertEquals("3 clean", golang(db));
    }

    @Test
    void timeoutsComeFromTheEnvironmentsPolicy(FreshDatabase.TestDb db) throws Exception {
        new Folder(tmp)
                .migration("0001_settings", "create table settings as select current_setting('lock_timeout') as lock_timeout,"
                        + " current_setting('statement_timeout') as statement_timeout;", "drop table settings;")
                .file("environments.json", "{\"staging\": {\"lockTimeout\": \"3s\", \"statementTimeout\": \"15min\"},"
                        + " \"production\": {\"extends\": \"staging\", \"lockTimeout\": \"2s\"}}");
        RunResult up = new Migrations(MigrationsConfig.builder().url(db.url()).service("shop").dir(tmp)
                .environment("production").build()).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertEquals(List.of(List.of("2s", "15min")), db.rows("select lock_timeout, statement_timeout from shop.settings"));
    }
}
