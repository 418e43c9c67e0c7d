package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which lock each statement takes on an existing table, and whether it rewrites or scans the table,
 * as PostgreSQL's documentation states it for versions 12 to 17: "Explicit Locking", 13.3.1
 * (Table-Level Locks), and the Notes and lock remarks of ALTER TABLE, CREATE INDEX, DROP INDEX,
 * REINDEX, CLUSTER, VACUUM, REFRESH MATERIALIZED VIEW, CREATE TRIGGER and TRUNCATE. One row per
 * statement form, the first that matches wins; docs/validation.md's table is made from it. The rules
 * ask it: {@code require-lock-timeout} (a lock that blocks writes or reads waits in the queue),
 * {@code ban-table-rewrite} (a rewrite).
 */
public final class LockModel {

    /** PostgreSQL's table lock modes, weakest first, with what each blocks of ordinary traffic. */
    public enum Lock {
        NONE("no lock on an existing table", ""),
        ACCESS_SHARE("ACCESS SHARE", "nothing but ACCESS EXCLUSIVE"),
        ROW_SHARE("ROW SHARE", "EXCLUSIVE and ACCESS EXCLUSIVE, not reads or writes"),
        ROW_EXCLUSIVE("ROW EXCLUSIVE", "SHARE and stronger: index builds, not reads or writes"),
        SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "other schema changes and VACUUM, not reads or writes"),
        SHARE("SHARE", "every write (INSERT, UPDATE, DELETE), not reads"),
        SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "every write, not reads"),
        EXCLUSIVE("EXCLUSIVE", "every write and most reads but plain SELECT"),
        ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "every read and every write");

        public final String label;
        public final String blocks;

        Lock(String label, String blocks) {
            this.label = label;
            this.blocks = blocks;
        }

        /** Whether ordinary traffic queues behind a statement waiting for this lock: writes at least. */
        public boolean blocksTraffic() {
            return compareTo(SHARE) >= 0;
        }
    }

    /** What the table sees: none, a full scan (checking every row), or a rewrite (a new copy of every row). */
    public enum Work { NONE, SCAN, REWRITE }

    /**
     * One form: its text for people, how to recognise it, the lock on the table it names, the work,
     * from which major version the row holds (12: all supported), and where it is documented.
     */
    public record Row(String form, Predicate<Tokens> matches, Lock lock, Work work, int since, String source) {
    }

    /** A form of one ALTER TABLE action: the action's tokens hold {@code words}. */
    private static Predicate<Tokens> alter(String... words) {
        return a -> a.findAnyDepth(0, words) >= 0;
    }

    /** The table, in order: specific forms before general ones. */
    public static final List<Row> ROWS = List.of(
            new Row("ALTER TABLE ... SET LOGGED / SET UNLOGGED", t -> alter("set", "logged").test(t) || alter("set", "unlogged").test(t),
                    Lock.ACCESS_EXCLUSIVE, Work.REWRITE, 12, "ALTER TABLE, SET LOGGED / UNLOGGED"),
            new Row("ALTER TABLE ... SET ACCESS METHOD", alter("set", "access", "method"), Lock.ACCESS_EXCLUSIVE, Work.REWRITE,
                    15, "ALTER TABLE, SET ACCESS METHOD (PostgreSQL 15)"),
            new Row("ALTER TABLE ... SET TABLESPACE", alter("set", "tablespace"), Lock.ACCESS_EXCLUSIVE, Work.REWRITE, 12,
                    "ALTER TABLE, SET TABLESPACE: the data files are copied"),
            new Row("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY", t -> alter("detach", "partition").test(t)
                    && t.findAnyDepth(0, "concurrently") > 0, Lock.SHARE_UPDATE_EXCLUSIVE, Work.NONE, 14,
                    "ALTER TABLE, DETACH PARTITION (PostgreSQL 14)"),
            new Row("ALTER TABLE ... ATTACH PARTITION", alter("attach", "partition"), Lock.SHARE_UPDATE_EXCLUSIVE, Work.SCAN, 12,
                    "ALTER TABLE, ATTACH PARTITION: the parent SHARE UPDATE EXCLUSIVE, the partition scanned unless a"
                            + " constraint proves it"),
            new Row("ALTER TABLE ... VALIDATE CONSTRAINT", alter("validate", "constraint"), Lock.SHARE_UPDATE_EXCLUSIVE,
                    Work.SCAN, 12, "ALTER TABLE, VALIDATE CONSTRAINT"),
            new Row("ALTER TABLE ... SET STATISTICS / CLUSTER ON / SET WITHOUT CLUSTER", t -> alter("set", "statistics").test(t)
                    || alter("cluster", "on").test(t) || alter("set", "without", "cluster").test(t), Lock.SHARE_UPDATE_EXCLUSIVE,
                    Work.NONE, 12, "ALTER TABLE: the forms that take SHARE UPDATE EXCLUSIVE"),
            new Row("ALTER TABLE ... SET / RESET (fillfactor, autovacuum_*, toast.*, parallel_workers, ...)",
                    LockModel::vacuumAndPlannerParameters, Lock.SHARE_UPDATE_EXCLUSIVE, Work.NONE, 12,
                    "ALTER TABLE, SET ( storage_parameter ): fillfactor, toast and autovacuum parameters and"
                            + " parallel_workers take SHARE UPDATE EXCLUSIVE; any other (user_catalog_table) ACCESS EXCLUSIVE"),
            new Row("ALTER TABLE ... ALTER COLUMN ... SET / RESET (n_distinct, ...)", LockModel::attributeOptions,
                    Lock.SHARE_UPDATE_EXCLUSIVE, Work.NONE, 12, "ALTER TABLE, SET ( attribute_option ): SHARE UPDATE EXCLUSIVE"),
            new Row("ALTER TABLE ... ADD FOREIGN KEY ... NOT VALID", t -> alter("foreign", "key").test(t)
                    && t.findAnyDepth(0, "not", "valid") >= 0, Lock.SHARE_ROW_EXCLUSIVE, Work.NONE, 12,
                    "ALTER TABLE, ADD table_constraint: SHARE ROW EXCLUSIVE on both tables"),
            new Row("ALTER TABLE ... ADD FOREIGN KEY", alter("foreign", "key"), Lock.SHARE_ROW_EXCLUSIVE, Work.SCAN, 12,
                    "ALTER TABLE, ADD table_constraint: SHARE ROW EXCLUSIVE on both tables, every row checked"),
            new Row("ALTER TABLE ... ENABLE / DISABLE TRIGGER", t -> alter("enable", "trigger").test(t)
                    || alter("enable", "always", "trigger").test(t) || alter("enable", "replica", "trigger").test(t)
                    || alter("disable", "trigger").test(t), Lock.SHARE_ROW_EXCLUSIVE, Work.NONE, 12,
                    "ALTER TABLE, DISABLE/ENABLE TRIGGER"),
            new Row("ALTER TABLE (any other form)", t -> true, Lock.ACCESS_EXCLUSIVE, Work.NONE, 12,
                    "ALTER TABLE: \"An ACCESS EXCLUSIVE lock is acquired unless explicitly noted\"; rewrites and scans of"
                            + " ADD COLUMN, ALTER COLUMN TYPE, SET NOT NULL and ADD CHECK are the rules' own"),
            new Row("CREATE TABLE ... PARTITION OF", t -> partitionParent(t) >= 0, Lock.ACCESS_EXCLUSIVE, Work.NONE, 12,
                    "Table Partitioning, Partition Maintenance: CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on the"
                            + " parent, where ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE"),
            new Row("CREATE / ALTER / DROP POLICY", t -> t.at(0, "create", "policy") || t.at(0, "alter", "policy")
                    || t.at(0, "drop", "policy"), Lock.ACCESS_EXCLUSIVE, Work.NONE, 12,
                    "CREATE POLICY, ALTER POLICY, DROP POLICY (ACCESS EXCLUSIVE on the table, per the server's lock manager)"),
            new Row("CREATE / DROP RULE", t -> t.at(0, "create", "rule") || t.at(0, "create", "or", "replace", "rule")
                    || t.at(0, "drop", "rule"), Lock.ACCESS_EXCLUSIVE, Work.NONE, 12,
                    "CREATE RULE, DROP RULE (ACCESS EXCLUSIVE on the table, per the server's lock manager)"),
            new Row("CREATE INDEX CONCURRENTLY", t -> createIndex(t) && t.findAnyDepth(2, "concurrently") > 0,
                    Lock.SHARE_UPDATE_EXCLUSIVE, Work.SCAN, 12, "CREATE INDEX, Building Indexes Concurrently"),
            new Row("CREATE INDEX", LockModel::createIndex, Lock.SHARE, Work.SCAN, 12, "CREATE INDEX"),
            new Row("DROP INDEX CONCURRENTLY", t -> t.at(0, "drop", "index", "concurrently"), Lock.SHARE_UPDATE_EXCLUSIVE,
                    Work.NONE, 12, "DROP INDEX"),
            new Row("DROP INDEX", t -> t.at(0, "drop", "index"), Lock.ACCESS_EXCLUSIVE, Work.NONE, 12,
                    "DROP INDEX: ACCESS EXCLUSIVE on the index's table"),
            new Row("REINDEX ... CONCURRENTLY", t -> t.word(0).equals("reindex") && t.findAnyDepth(1, "concurrently") > 0,
                    Lock.SHARE_UPDATE_EXCLUSIVE, Work.SCAN, 12, "REINDEX, Rebuilding Indexes Concurrently"),
            new Row("REINDEX", t -> t.word(0).equals("reindex"), Lock.SHARE, Work.SCAN, 12,
                    "REINDEX: SHARE on the table, ACCESS EXCLUSIVE on the index"),
            new Row("VACUUM FULL", t -> t.word(0).equals("vacuum") && t.findAnyDepth(1, "full") > 0, Lock.ACCESS_EXCLUSIVE,
                    Work.REWRITE, 12, "VACUUM, FULL"),
            new Row("CLUSTER", t -> t.word(0).equals("cluster"), Lock.ACCESS_EXCLUSIVE, Work.REWRITE, 12, "CLUSTER"),
            new Row("VACUUM", t -> t.word(0).equals("vacuum"), Lock.SHARE_UPDATE_EXCLUSIVE, Work.SCAN, 12, "VACUUM"),
            new Row("REFRESH MATERIALIZED VIEW CONCURRENTLY", t -> t.at(0, "refresh", "materialized", "view", "concurrently"),
                    Lock.EXCLUSIVE, Work.REWRITE, 12, "REFRESH MATERIALIZED VIEW, CONCURRENTLY"),
            new Row("REFRESH MATERIALIZED VIEW", t -> t.at(0, "refresh", "materialized", "view"), Lock.ACCESS_EXCLUSIVE,
                    Work.REWRITE, 12, "REFRESH MATERIALIZED VIEW"),
            new Row("TRUNCATE", t -> t.word(0).equals("truncate"), Lock.ACCESS_EXCLUSIVE, Work.NONE, 12, "TRUNCATE"),
            new Row("DROP TABLE", t -> t.at(0, "drop", "table"), Lock.ACCESS_EXCLUSIVE, Work.NONE, 12, "DROP TABLE"),
            new Row("CREATE TRIGGER", t -> t.at(0, "create", "trigger") || t.at(0, "create", "or", "replace", "trigger")
                    || t.at(0, "create", "constraint", "trigger"), Lock.SHARE_ROW_EXCLUSIVE, Work.NONE, 12,
                    "Explicit Locking, SHARE ROW EXCLUSIVE: acquired by CREATE TRIGGER"),
            new Row("DROP TRIGGER", t -> t.at(0, "drop", "trigger"), Lock.ACCESS_EXCLUSIVE, Work.NONE, 12,
                    "DROP TRIGGER (ACCESS EXCLUSIVE on the table, per the server's lock manager)"),
            new Row("LOCK TABLE", t -> t.word(0).equals("lock"), Lock.ACCESS_EXCLUSIVE, Work.NONE, 12,
                    "LOCK: ACCESS EXCLUSIVE unless a mode is given"),
            new Row("UPDATE, DELETE, INSERT, MERGE", t -> LockModel.DATA_CHANGES.contains(t.word(mainVerb(t))),
                    Lock.ROW_EXCLUSIVE, Work.NONE, 12, "Explicit Locking, ROW EXCLUSIVE"),
            new Row("COMMENT ON", t -> t.at(0, "comment", "on"), Lock.SHARE_UPDATE_EXCLUSIVE, Work.NONE, 12,
                    "COMMENT (SHARE UPDATE EXCLUSIVE on the object)"));

    private static final java.util.Set<String> DATA_CHANGES = java.util.Set.of("update", "delete", "insert", "merge");

    /**
     * Where a statement's command is: 0, or for {@code WITH [RECURSIVE] name [(...)] AS [[NOT] MATERIALIZED]
     * (...) [, ...]} the word after the common table expressions.
     */
    private static int mainVerb(Tokens t) {
        if (!t.word(0).equals("with")) {
            return 0;
        }
        int i = t.word(1).equals("recursive") ? 2 : 1;
        while (i < t.size()) {
            int as = t.find(i, "as");
            if (as < 0) {
                return 0;
            }
            int open = as + 1;
            while (open < t.size() && !t.get(open).isPunct('(')) {
                open++; // [NOT] MATERIALIZED
            }
            if (open >= t.size()) {
                return 0;
            }
            i = t.closing(open) + 1;
            if (i < t.size() && t.get(i).isPunct(',')) {
                i++;
                continue;
            }
            return i;
        }
        return 0;
    }

    /** Table storage parameters that PostgreSQL changes under SHARE UPDATE EXCLUSIVE (reloptions.c). */
    private static final java.util.Set<String> LIGHT_PARAMETERS = java.util.Set.of("fillfactor", "toast_tuple_target",
            "parallel_workers", "vacuum_index_cleanup", "vacuum_truncate", "log_autovacuum_min_duration", "toast");

    /** {@code SET ( ... )} or {@code RESET ( ... )} of table storage parameters, every one of them a light one. */
    private static boolean vacuumAndPlannerParameters(Tokens a) {
        if (!(a.word(0).equals("set") || a.word(0).equals("reset")) || a.size() < 2 || !a.get(1).isPunct('(')) {
            return false;
        }
        for (Tokens p : a.splitOnCommas(2, a.closing(1))) {
            String name = p.word(0);
            if (!LIGHT_PARAMETERS.contains(name) && !name.startsWith("autovacuum_")) {
                return false;
            }
        }
        return true;
    }

    /** {@code ALTER [COLUMN] name SET ( ... )} or {@code RESET ( ... )}: a column's attribute options (n_distinct). */
    private static boolean attributeOptions(Tokens a) {
        if (!a.word(0).equals("alter")) {
            return false;
        }
        int i = a.nameEnd(AlterTable.columnAt(a));
        return (a.word(i).equals("set") || a.word(i).equals("reset")) && i + 1 < a.size() && a.get(i + 1).isPunct('(');
    }

    private static final java.util.Set<String> TABLE_KINDS = java.util.Set.of("temp", "temporary", "unlogged", "global", "local");

    /**
     * For {@code CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name PARTITION OF parent ...}, the index of
     * the parent's name; -1 for any other statement.
     */
    public static int partitionParent(Tokens t) {
        if (!t.word(0).equals("create")) {
            return -1;
        }
        int i = 1;
        while (TABLE_KINDS.contains(t.word(i))) {
            i++;
        }
        if (!t.word(i).equals("table")) {
            return -1;
        }
        int end = t.nameEnd(t.skipIfExists(i + 1));
        return t.at(end, "partition", "of") ? end + 2 : -1;
    }

    private static boolean createIndex(Tokens t) {
        return t.at(0, "create", "index") || t.at(0, "create", "unique", "index");
    }

    private LockModel() {
    }

    /**
     * The row of {@code st}, or null for a statement that takes no lock on an existing table (CREATE
     * TABLE, SET, ...). An ALTER TABLE of several actions takes the strongest of their locks, and the
     * most work.
     */
    public static Row of(SqlStatement st) {
        return MEMO.of(st);
    }

    private static final Memo<Row> MEMO = new Memo<>(LockModel::ofNow);

    private static Row ofNow(SqlStatement st) {
        AlterTable alter = AlterTable.parse(st);
        if (alter == null) {
            return of(new Tokens(st.tokens()));
        }
        Row strongest = null;
        for (Tokens a : alter.actions()) {
            Row r = ofAction(a);
            if (r != null && (strongest == null || r.lock().compareTo(strongest.lock()) > 0
                    || r.lock() == strongest.lock() && r.work().compareTo(strongest.work()) > 0)) {
                strongest = r;
            }
        }
        return strongest;
    }

    /** The row of one action of an ALTER TABLE ({@link AlterTable#actions()}). */
    static Row ofAction(Tokens action) {
        for (Row r : ROWS) {
            if (r.form().startsWith("ALTER TABLE") && r.matches().test(action)) {
                return r;
            }
        }
        return null;
    }

    /** The row of a statement other than ALTER TABLE. */
    static Row of(Tokens t) {
        for (Row r : ROWS) {
            if (!r.form().startsWith("ALTER TABLE") && r.matches().test(t)) {
                if (r.form().equals("LOCK TABLE")) {
                    return lockTable(t, r);
                }
                return r;
            }
        }
        return null;
    }

    /** LOCK [TABLE] name IN mode MODE: the mode written. */
    private static Row lockTable(Tokens t, Row r) {
        int in = t.find(1, "in");
        if (in < 0) {
            return r;
        }
        List<String> words = new ArrayList<>();
        for (int i = in + 1; i < t.size() && !t.word(i).equals("mode"); i++) {
            words.add(t.word(i));
        }
        String mode = String.join("_", words).toUpperCase(java.util.Locale.ROOT);
        for (Lock l : Lock.values()) {
            if (l.name().equals(mode)) {
                return new Row(r.form(), r.matches(), l, r.work(), r.since(), r.source());
            }
        }
        return r;
    }
}
