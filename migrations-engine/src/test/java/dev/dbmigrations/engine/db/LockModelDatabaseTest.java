package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.lint.LockModel;
import dev.dbmigrations.engine.sql.SqlSplitter;
import dev.dbmigrations.engine.sql.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock model (docs/validation.md's table) against a real server: each example statement runs in
 * a transaction that is rolled back, and the strongest lock the session then holds on the table the
 * statement names must be the lock the model predicts. Every row of the model has an example, but
 * the forms PostgreSQL refuses to run in a transaction block (CONCURRENTLY, VACUUM), whose locks are
 * the documentation's alone.
 */
@ExtendWith(FreshDatabase.class)
class LockModelDatabaseTest {

    private static final String FIXTURE = """
            create table lk_t (id bigint primary key, n int, s text);
            create table lk_ref (id int primary key);
            create table lk_free (id bigint, at date not null);
            create table lk_drop (id bigint);
            create table lk_parent (id bigint, at date not null) partition by range (at);
            create table lk_p2 partition of lk_parent for values from ('2025-01-01') to ('2026-01-01');
            create index lk_t_s on lk_t (s);
            alter table lk_t add constraint lk_t_n_positive check (n > 0) not valid;
            create trigger lk_t_trigger before update on lk_t for each row execute function suppress_redundant_updates_trigger();
            create policy lk_t_policy on lk_t using (true);
            create rule lk_t_rule as on delete to lk_t where false do instead nothing;
            create materialized view lk_mv as select id from lk_t;
            """;

    /** An example of a form, and the table whose lock the model is about. */
    private record Example(String sql, String table) {
    }

    private static final List<Example> EXAMPLES = List.of(
            new Example("alter table lk_t set unlogged", "lk_t"),
            new Example("alter table lk_t set access method heap", "lk_t"),
            new Example("alter table lk_t set tablespace pg_default", "lk_t"),
            new Example("alter table lk_parent attach partition lk_free for values from ('2026-01-01') to ('2027-01-01')", "lk_parent"),
            new Example("alter table lk_t validate constraint lk_t_n_positive", "lk_t"),
            new Example("alter table lk_t alter column n set statistics 500", "lk_t"),
            new Example("alter table lk_t cluster on lk_t_pkey", "lk_t"),
            new Example("alter table lk_t set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01)", "lk_t"),
            new Example("alter table lk_t reset (toast.autovacuum_enabled, parallel_workers)", "lk_t"),
            new Example("alter table lk_t set (fillfactor = 70, user_catalog_table = true)", "lk_t"),
            new Example("alter table lk_t alter column n set (n_distinct = 100)", "lk_t"),
            new Example("alter table lk_t add constraint lk_t_n_ref foreign key (n) references lk_ref (id) not valid", "lk_t"),
            new Example("alter table lk_t add constraint lk_t_n_ref foreign key (n) references lk_ref (id)", "lk_t"),
            new Example("alter table lk_t disable trigger lk_t_trigger", "lk_t"),
            new Example("alter table lk_t add column z int", "lk_t"),
            new Example("alter table lk_t alter column s set storage external", "lk_t"),
            new Example("alter table lk_t alter column n set default 0", "lk_t"),
            new Example("create table lk_p3 partition of lk_parent for values from ('2030-01-01') to ('2031-01-01')", "lk_parent"),
            new Example("create policy lk_t_policy2 on lk_t using (n > 0)", "lk_t"),
            new Example("alter policy lk_t_policy on lk_t using (false)", "lk_t"),
            new Example("drop policy lk_t_policy on lk_t", "lk_t"),
            new Example("create or replace rule lk_t_rule2 as on update to lk_t where false do instead nothing", "lk_t"),
            new Example("drop rule lk_t_rule on lk_t", "lk_t"),
            new Example("create index on lk_t (n)", "lk_t"),
            new Example("create unique index lk_t_n on lk_t (n)", "lk_t"),
            new Example("drop index lk_t_s", "lk_t"),
            new Example("reindex table lk_t", "lk_t"),
            new Example("cluster lk_t using lk_t_pkey", "lk_t"),
            new Example("refresh materialized view lk_mv", "lk_mv"),
            new Example("truncate lk_drop", "lk_drop"),
            new Example("drop table lk_drop", "lk_drop"),
            new Example("create trigger lk_t_trigger2 before insert on lk_t for each row execute function suppress_redundant_updates_trigger()", "lk_t"),
            new Example("drop trigger lk_t_trigger on lk_t", "lk_t"),
            new Example("lock table lk_t", "lk_t"),
            new Example("lock table lk_t in row share mode", "lk_t"),
            new Example("lock lk_t in share update exclusive mode", "lk_t"),
            new Example("update lk_t set n = 1 where id = 0", "lk_t"),
            new Example("delete from lk_t where id = 0", "lk_t"),
            new Example("insert into lk_t (id) values (1)", "lk_t"),
            new Example("merge into lk_free f using lk_ref r on f.id = r.id when matched then update set at = current_date", "lk_free"),
            new Example("comment on table lk_t is 'people'", "lk_t"));

    /** Forms PostgreSQL does not run in a transaction block: their rows stand on the documentation. */
    private static final Set<String> OUTSIDE_A_TRANSACTION = Set.of("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY",
            "CREATE INDEX CONCURRENTLY", "DROP INDEX CONCURRENTLY", "REINDEX ... CONCURRENTLY", "VACUUM FULL", "VACUUM",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY");

    @Test
    void eachFormTakesTheLockTheModelSays(FreshDatabase.TestDb db) throws Exception {
        db.execute(FIXTURE);
        int version = Integer.parseInt(db.value("show server_version_num")) / 10000;
        Set<String> covered = new LinkedHashSet<>();
        List<String> wrong = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (Example e : EXAMPLES) {
                SqlStatement st = SqlSplitter.split(e.sql()).statements().get(0);
                LockModel.Row row = LockModel.of(st);
                assertNotNull(row, "the model has no row for " + e.sql());
                if (row.since() > version) {
                    continue;
                }
                covered.add(row.form());
                LockModel.Lock held = strongestLockAfter(c, e);
                if (held != row.lock()) {
                    wrong.add(e.sql() + ": PostgreSQL " + version + " takes " + held + " on " + e.table() + ", the model says "
                            + row.lock() + " (" + row.form() + ")");
                }
            }
        }
        assertEquals(List.of(), wrong);
        for (LockModel.Row row : LockModel.ROWS) {
            assertTrue(covered.contains(row.form()) || OUTSIDE_A_TRANSACTION.contains(row.form()) || row.since() > version,
                    "no example checks the row " + row.form());
        }
    }

    /** What ban-concurrent-index-creation-in-transaction says fails does fail: CONCURRENTLY in a DO block, in autocommit. */
    @Test
    void concurrentlyInsideADoBlockFailsEvenOutsideATransaction(FreshDatabase.TestDb db) throws Exception {
        db.execute(FIXTURE);
        for (String sql : List.of("do $$ begin create index concurrently if not exists lk_t_n_idx on lk_t (n); end $$",
                "do $$ begin drop index concurrently if exists lk_t_s; end $$")) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> db.execute(sql), sql);
            assertTrue(e.getMessage().contains("cannot be executed from a function"), e.getMessage());
        }
    }

    /** Runs the example in a transaction, reads the session's strongest lock on its table, rolls back. */
    private static LockModel.Lock strongestLockAfter(Connection c, Example e) throws SQLException {
        try (Statement s = c.createStatement()) {
            long oid;
            try (ResultSet rs = s.executeQuery("select '" + e.table() + "'::regclass::oid")) {
                rs.next();
                oid = rs.getLong(1);
            }
            s.execute(e.sql());
            LockModel.Lock strongest = LockModel.Lock.NONE;
            try (ResultSet rs = s.executeQuery("select mode from pg_locks where pid = pg_backend_pid() and locktype ="
                    + " 'relation' and relation = " + oid)) {
                while (rs.next()) {
                    // AccessExclusiveLock -> ACCESS_EXCLUSIVE
                    String mode = rs.getString(1).replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1_$2")
                            .toUpperCase(Locale.ROOT);
                    LockModel.Lock l = LockModel.Lock.valueOf(mode);
                    if (l.compareTo(strongest) > 0) {
                        strongest = l;
                    }
                }
            }
            return strongest;
        } finally {
            c.rollback();
        }
    }
}
