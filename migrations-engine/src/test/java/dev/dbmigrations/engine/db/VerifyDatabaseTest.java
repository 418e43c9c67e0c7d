package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.VerifyResult;
import dev.dbmigrations.engine.execute.ScratchDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrations:verify replays every migration on a scratch database and proves its down. */
@ExtendWith(FreshDatabase.class)
class VerifyDatabaseTest {

    @TempDir
    Path tmp;

    private final List<String> log = LogListener.newLog();

    private MigrationsConfig.Builder cfg(FreshDatabase.TestDb db, String service, Path dir) {
        return MigrationsConfig.builder().url(db.url()).service(service).dir(dir).listener(new LogListener(log));
    }

    private VerifyResult verify(FreshDatabase.TestDb db) {
        return new Migrations(cfg(db, "user-service", tmp).build()).verify(null);
    }

    private Folder users() {
        return new Folder(tmp).migration("0001_create_users", "create table users (id bigint primary key, email text);",
                "drop table users;");
    }

    private static Problem only(VerifyResult r, String check) {
        List<Problem> ps = r.problems().stream().filter(p -> p.check().equals(check)).toList();
        assertEquals(1, ps.size(), r.problems().toString());
        return ps.get(0);
    }

    private static String scratchDatabases(FreshDatabase.TestDb db) throws Exception {
        return db.value("select count(*) from pg_database where datname like '" + ScratchDatabase.PREFIX + "%'");
    }

    @Test
    void aSoundFolderIsProvenMigrationByMigrationAndTheTargetIsUntouched(FreshDatabase.TestDb db) throws Exception {
        users().migration("0002_add_nickname", "alter table users add column nickname text;",
                "alter table users drop column nickname;")
                .migration("0003_index", "create index concurrently users_email on users (email);",
                        "drop index concurrently users_email;");
        VerifyResult r = verify(db);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(List.of("0001_create_users", "0002_add_nickname", "0003_index"),
                r.migrations().stream().map(VerifyResult.Migration::id).toList());
        assertTrue(r.migrations().get(1).line().startsWith("0002_add_nickname  up ok  down ok (catalog restored)  up again ok"),
                r.migrations().get(1).line());
        assertTrue(r.scratch().startsWith(ScratchDatabase.PREFIX), r.scratch());
        assertFalse(db.tableExists("user_service.users"), "the target is never written");
        assertEquals("0", db.value("select count(*) from pg_namespace where nspname = 'user_service'"));
        assertEquals("0", scratchDatabases(db), "the temporary database is dropped");
    }

    @Test
    void aDownWithASyntaxErrorIsFoundWithItsPlace(FreshDatabase.TestDb db) throws Exception {
        users().migration("0002_add_nickname", "alter table users add column nickname text;",
                "alter tabel users drop column nickname;");
        VerifyResult r = verify(db);
        Problem p = only(r, "verify-down");
        assertTrue(p.file().endsWith("0002_add_nickname.down.sql"), p.format());
        assertEquals(1, p.line());
        assertTrue(p.message().contains("SQLSTATE 42601"), p.format());
        assertEquals("0", scratchDatabases(db), "dropped after a failed run too");
        String sarif = dev.dbmigrations.engine.Reports.verifySarif(r, tmp);
        assertTrue(sarif.contains("\"ruleId\" : \"verify-down\"") && sarif.contains("\"uri\" : \"0002_add_nickname.down.sql\""),
                sarif);
    }

    @Test
    void aDownThatLeavesSomethingBehindIsListedPerObject(FreshDatabase.TestDb db) {
        users().migration("0002_profile", "alter table users add column nickname text;\ncreate index users_nick on users (nickname);",
                "drop index users_nick;");
        Problem p = only(verify(db), "verify-restore");
        assertTrue(p.file().endsWith("0002_profile.down.sql"), p.format());
        assertTrue(p.message().contains("left behind by the down: column users.nickname text"), p.message());
    }

    @Test
    void aDownThatDropsWhatOthersNeedFails(FreshDatabase.TestDb db) {
        users().migration("0002_view", "create view user_emails as select email from users;", "drop view user_emails;")
                .migration("0003_add_email2", "alter table users add column backup_email text;",
                        "alter table users drop column email;");
        VerifyResult r = verify(db);
        assertFalse(r.ok());
        Problem p = r.problems().get(0);
        assertTrue(p.check().equals("verify-down") && p.message().contains("2BP01"), p.format());
    }

    @Test
    void anUpThatCannotRunAgainAfterADownThatDoesNothing(FreshDatabase.TestDb db) {
        users().migration("0002_roles", "create table roles (name text primary key);", "-- nothing to undo\n");
        VerifyResult r = verify(db);
        assertTrue(r.problems().stream().anyMatch(p -> p.check().equals("verify-restore")
                && p.message().contains("left behind by the down: ") && p.message().contains("relation roles kind r")),
                r.problems().toString());
        Problem again = only(r, "verify-up-again");
        assertTrue(again.message().contains("already exists"), again.format());
    }

    @Test
    void anIrreversibleMigrationIsAWarning(FreshDatabase.TestDb db) {
        users().migration("0002_backfill", "update users set email = lower(email);", null);
        VerifyResult r = verify(db);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("verify-irreversible", r.warnings().get(0).check());
        assertTrue(r.migrations().get(1).line().contains("no down file (irreversible)"));
    }

    @Test
    void otherServicesRequirementsAreReplayedFirstAtTheAggregator(FreshDatabase.TestDb db) {
        Path billing = tmp.resolve("billing");
        new Folder(billing).migration("0001_create_accounts", "create table accounts (id bigint primary key);",
                "drop table accounts;");
        Path users = tmp.resolve("users");
        new Folder(users).migration("0001_add_account", "create table users (id bigint primary key,"
                        + " account_id bigint references billing_service.accounts (id));", "drop table users;")
                .file("dependencies.json", "{\"0001_add_account\": {\"requires\": [\"billing-service:0001_create_accounts\"]}}");
        VerifyResult alone = new Migrations(cfg(db, "user-service", users).build()).verify(null);
        assertEquals("unmet-dependency", alone.problems().get(0).check(), alone.problems().toString());

        VerifyResult both = new Reactor(List.of(cfg(db, "user-service", users).build(),
                cfg(db, "billing-service", billing).build())).verify(null);
        assertTrue(both.ok(), both.problems().toString());
        assertEquals(List.of("0001_create_accounts", "0001_add_account"),
                both.migrations().stream().map(VerifyResult.Migration::id).toList());
    }

    @Test
    void aScratchDatabaseLeftByAKilledRunIsDroppedByTheNext(FreshDatabase.TestDb db) throws Exception {
        String leftover = ScratchDatabase.PREFIX + (System.currentTimeMillis() / 1000 - 3600) + "_deadbeef";
        db.execute("create database " + leftover);
        users();
        assertTrue(verify(db).ok());
        assertEquals("0", scratchDatabases(db));
        assertTrue(log.stream().anyMatch(l -> l.contains("Dropped " + leftover)), log.toString());
    }

    @Test
    void theLocksAndRewritesOfEachStatementAreTracedAndHeldAgainstTheLint(FreshDatabase.TestDb db) {
        new Folder(tmp).migration("0001_create_users", "create table users (id integer primary key, email varchar(100));",
                        "drop table users;")
                .migration("0002_widen_email", "set lock_timeout = '5s';\nalter table users alter column email type varchar(200);",
                        "alter table users alter column email type varchar(100);")
                .migration("0003_bigint_id", "set lock_timeout = '5s';\nalter table users alter column id type bigint;",
                        "alter table users alter column id type integer;")
                .migration("0004_unlogged", "set lock_timeout = '5s';\nalter table users set unlogged;",
                        "alter table users set logged;")
                .migration("0005_email_index", "set lock_timeout = '5s';\ncreate index users_email on users (email);",
                        "drop index users_email;")
                .migration("0006_email_check", "set lock_timeout = '5s';\n"
                                + "alter table users add constraint email_set check (email is not null) not valid;\n"
                                + "alter table users validate constraint email_set;",
                        "alter table users drop constraint email_set;")
                .migration("0007_serial_column", "set lock_timeout = '5s';\nalter table users add column seq bigserial;",
                        "alter table users drop column seq;")
                .migration("0008_identity_column", "set lock_timeout = '5s';\n"
                                + "alter table users add column n bigint generated by default as identity;\n"
                                + "alter table users add column m bigint generated always as identity;",
                        "alter table users drop column m;\nalter table users drop column n;");
        VerifyResult r = verify(db);
        assertTrue(r.ok(), r.problems().toString());
        // serial and identity columns fill every row from a sequence: rewrites, as the lint predicts
        for (int m = 6; m <= 7; m++) {
            VerifyResult.Traced added = r.migrations().get(m).trace().get(0);
            assertTrue(added.rewritten().contains("users"), added.toString());
        }
        // and a second rewrite of the same table in one migration is traced at its own statement
        List<VerifyResult.Traced> identities = r.migrations().get(7).trace();
        assertEquals(2, identities.size(), identities.toString());
        assertTrue(identities.get(1).rewritten().contains("users"), identities.toString());
        assertEquals(3, identities.get(1).line());
        List<String> mismatches = r.warnings().stream().filter(w -> w.check().equals("trace-mismatch"))
                .map(w -> w.file().getFileName() + ":" + w.line() + " " + w.message()).toList();
        // the lint's predictions hold on the server: widening varchar(100) to varchar(200) rewrites nothing
        // (the catalog knows the old type from 0001), SET UNLOGGED rewrites (the lock model says so)
        assertEquals(List.of(), mismatches);
        VerifyResult.Traced unlogged = r.migrations().get(3).trace().get(0);
        assertEquals(List.of("users", "users_pkey"), unlogged.rewritten(), unlogged.toString());
        assertTrue(unlogged.toString().contains("AccessExclusiveLock on users"), unlogged.toString());
        // the bigint change rewrites, as the lint says: traced, and no mismatch
        VerifyResult.Traced bigint = r.migrations().get(2).trace().get(0);
        assertTrue(bigint.toString().startsWith("line 2: AccessExclusiveLock on users"), bigint.toString());
        assertEquals(List.of("users"), bigint.rewritten(), "the primary key index is built anew (another oid): " + bigint);
        assertEquals(VerifyResult.Risk.HIGH, bigint.risk(), "a rewrite seen is a high risk");
        assertEquals("every read and write", bigint.locks().get(0).blocks());
        assertTrue(r.migrations().get(2).line().contains("traced high (line 2: rewrote users)"),
                r.migrations().get(2).line());
        // widening a varchar takes the strongest lock, briefly: a medium risk, and no rewrite
        VerifyResult.Traced widen = r.migrations().get(1).trace().get(0);
        assertEquals(List.of(), widen.rewritten(), widen.toString());
        assertEquals(VerifyResult.Risk.MEDIUM, widen.risk(), widen.toString());
        assertTrue(widen.reason().contains("it waits behind running queries"), widen.reason());
        // an index build holds SHARE on the table: writes wait for the whole build
        VerifyResult.Traced index = r.migrations().get(4).trace().get(0);
        assertEquals("ShareLock on users", index.locks().get(0).toString(), index.toString());
        assertEquals(VerifyResult.Risk.HIGH, index.risk(), index.toString());
        // NOT VALID takes the strong lock briefly; the validation only SHARE UPDATE EXCLUSIVE: low
        List<VerifyResult.Traced> check = r.migrations().get(5).trace();
        assertEquals(List.of(VerifyResult.Risk.MEDIUM, VerifyResult.Risk.LOW), check.stream().map(VerifyResult.Traced::risk).toList(),
                check.toString());
        assertEquals(3, check.get(1).line());
    }

    @Test
    void commentsAreComparedToo(FreshDatabase.TestDb db) {
        users().migration("0002_comment", "comment on column users.email is 'where we write';\n"
                        + "comment on table users is 'people';", "comment on table users is null;");
        VerifyResult r = verify(db);
        Problem p = only(r, "verify-restore");
        assertTrue(p.message().contains("left behind by the down: comment users.email where we write"), p.message());
        assertFalse(p.message().contains("comment users people"), "that comment was undone: " + p.message());
    }

    @Test
    void theSyntaxModeRunsEveryUpOnceAndPlacesItsErrors(FreshDatabase.TestDb db) {
        users().migration("0002_add_nickname", "alter table users add column nickname text;", "alter tabel broken;")
                .migration("0003_typo", "select 1;\nalter tabel users add column x text;", "select 1;");
        VerifyResult r = new Migrations(cfg(db, "user-service", tmp).build()).verifySyntax(null);
        Problem p = only(r, "verify-up");
        assertTrue(p.file().endsWith("0003_typo.up.sql"), p.format());
        assertEquals(2, p.line(), p.format());
        assertEquals("0002_add_nickname  up ok", r.migrations().get(1).line().replaceAll("  \\d+ ms$", ""),
                "downs are not run in the syntax mode");
    }
}
