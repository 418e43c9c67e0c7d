package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.execute.CatalogSnapshot;
import dev.dbmigrations.engine.execute.CatalogWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch's incremental snapshots equal a whole read of the schema after every statement of a long
 * and varied DDL sequence: creations, alterations, renames (of tables, columns, types, functions,
 * indexes), drops with and without cascade, partitions, inheritance, comments, triggers, views,
 * extensions, statements inside DO blocks and under a less privileged role.
 */
@ExtendWith(FreshDatabase.class)
class CatalogWatchDatabaseTest {

    private static final List<String> STATEMENTS = List.of(
            "create table s.users (id bigint primary key, email text not null)",
            "create index users_email on s.users (email)",
            "alter table s.users add column nickname text default 'x'",
            "comment on table s.users is 'people'",
            "comment on column s.users.email is 'login'",
            "comment on index s.users_email is 'lookup'",
            "alter index s.users_email rename to users_email_idx",
            "create type s.mood as enum ('happy', 'sad')",
            "alter table s.users add column mood s.mood",
            "alter type s.mood add value 'calm'",
            "alter type s.mood rename to feeling",
            "create domain s.posint as integer check (value > 0)",
            "alter table s.users add column score s.posint",
            "create table s.orders (id bigserial primary key, user_id bigint references s.users (id), total numeric(10, 2))",
            "alter table s.users rename to members",
            "alter table s.members rename column email to mail",
            "alter table s.orders alter column total type numeric(12, 2)",
            "create view s.active as select id, mail from s.members where nickname is not null",
            "create materialized view s.totals as select user_id, sum(total) from s.orders group by user_id",
            "create unique index totals_user on s.totals (user_id)",
            "create function s.touch() returns trigger language plpgsql as $$ begin return new; end $$",
            "create trigger orders_touch before update on s.orders for each row execute procedure s.touch()",
            "alter function s.touch() rename to touch_row",
            "comment on function s.touch_row() is 'keeps rows fresh'",
            "alter table s.orders add constraint total_positive check (total > 0) not valid",
            "alter table s.orders validate constraint total_positive",
            "alter table s.orders drop constraint total_positive",
            "drop trigger orders_touch on s.orders",
            "alter table s.orders alter column total set default 0",
            "alter table s.orders alter column total drop default",
            "create table s.events (id bigint, at date not null) partition by range (at)",
            "create table s.events_2026 partition of s.events for values from ('2026-01-01') to ('2027-01-01')",
            "create index events_at on s.events (at)",
            "alter table s.events add column kind text",
            "create table s.events_2027 (id bigint, at date not null, kind text)",
            "alter table s.events attach partition s.events_2027 for values from ('2027-01-01') to ('2028-01-01')",
            "create table s.base (id int)",
            "create table s.child (extra int) inherits (s.base)",
            "alter table s.base add column note text",
            "do $$ begin execute 'create table s.dynamic (id int)'; execute 'alter table s.dynamic add column v int'; end $$",
            "create extension if not exists pgcrypto schema s",
            "create sequence s.counter",
            "alter sequence s.counter owned by s.orders.id",
            "drop index s.users_email_idx",
            "alter table s.members drop column nickname cascade",
            "drop table s.members cascade",
            "drop extension pgcrypto",
            "drop type s.feeling cascade",
            "drop table s.events_2026",
            "create table s.t as select 1 as one",
            "select 1 as two into s.t2",
            "set role watch_test_role",
            "create table s.owned_by_role (id int)",
            "reset role",
            "drop schema s cascade",
            "create schema s",
            "create table s.again (id int)");

    @Test
    void incrementalSnapshotsEqualWholeReadsAfterEveryStatement(FreshDatabase.TestDb db) throws Exception {
        db.execute("create schema s; do $$ begin if not exists (select from pg_roles where rolname = 'watch_test_role')"
                + " then create role watch_test_role; end if; end $$; grant all on schema s to watch_test_role");
        try (Connection work = db.connect(); Statement st = work.createStatement();
             CatalogWatch watch = CatalogWatch.open(db.connect(), true)) {
            assertTrue(watch.incremental(), "the test server's user is a superuser");
            watch.snapshot("s", Set.of());
            for (String sql : STATEMENTS) {
                st.execute(sql);
                CatalogSnapshot incremental = watch.snapshot("s", Set.of());
                CatalogSnapshot whole = CatalogSnapshot.take(work, "s", Set.of());
                assertEquals(whole.lines(), incremental.lines(), "after: " + sql);
                assertEquals(List.of(), incremental.diff(whole), "after: " + sql);
            }
            st.execute("grant all on schema s to watch_test_role");
        } finally {
            db.execute("drop owned by watch_test_role; drop role if exists watch_test_role");
        }
        assertEquals("0", db.value("select count(*) from pg_event_trigger"), "the watch removes its event triggers");
        assertEquals("0", db.value("select count(*) from pg_namespace where nspname = 'dbmigrations_verify_watch'"));
    }

    @Test
    void aUserWhoMayNotCreateEventTriggersGetsWholeReads(FreshDatabase.TestDb db) throws Exception {
        db.execute("do $$ begin if not exists (select from pg_roles where rolname = 'watch_plain_role')"
                + " then create role watch_plain_role login; end if; end $$;"
                + " grant create on database " + db.value("select current_database()") + " to watch_plain_role;"
                + " create schema s; grant all on schema s to watch_plain_role");
        try (Connection reader = db.connect()) {
            try (Statement st = reader.createStatement()) {
                st.execute("set role watch_plain_role");
            }
            try (CatalogWatch watch = CatalogWatch.open(reader, true)) {
                assertFalse(watch.incremental());
                db.execute("create table s.a (id int)");
                assertEquals(List.of("column a.id integer", "relation a kind r"), watch.snapshot("s", Set.of()).lines());
            }
        } finally {
            db.execute("drop schema s cascade; drop owned by watch_plain_role; drop role if exists watch_plain_role");
        }
    }
}
