package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.LockModel;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/**
 * {@code work-under-blocking-lock}: A lock is held until its transaction ends, so work that follows a
 * statement taking a lock that blocks traffic (ACCESS EXCLUSIVE for most ALTER TABLE forms, SHARE ROW
 * EXCLUSIVE for a foreign key or a trigger) in the same transaction, such as a backfill UPDATE or a
 * constraint check, keeps the table's queries waiting for all of it.
 */
public final class WorkUnderBlockingLock extends BaseRule {

    public WorkUnderBlockingLock() {
        super("work-under-blocking-lock", Risk.HIGH,
                "the lock an earlier statement of the transaction took on the table (ACCESS EXCLUSIVE for most ALTER TABLE forms, SHARE ROW EXCLUSIVE for ADD FOREIGN KEY and CREATE TRIGGER), held until the transaction commits",
                "every read and write of that table (ACCESS EXCLUSIVE), or every write (SHARE, SHARE ROW EXCLUSIVE), for as long as the later work runs",
                "A lock is held until its transaction ends, so work that follows a statement taking a lock that blocks traffic in the same transaction (a backfill UPDATE, a constraint check) keeps the table's queries waiting for all of it.",
                "commit the quick change first and do the work in a migration of its own: ALTER TABLE users ADD COLUMN plan text; in one migration, then UPDATE users SET plan = 'free' WHERE plan IS NULL; (in batches for a large table) in the next");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        if (!ctx.inTransaction() && !ctx.explicitTransactionOpen()) {
            return; // each statement commits on its own: nothing is held past it
        }
        Tokens t = new Tokens(st.tokens());
        LockModel.Lock held = ctx.heldLock();
        if (held != null) {
            String work = work(t, ctx);
            if (work != null) {
                String table = ctx.heldLockTable();
                ctx.reportOncePerFile(this, st, t.first(), work + " runs while the " + held.label + " lock that line "
                        + ctx.heldLockLine() + " took on " + table + " is held: " + held.blocks + " on " + table
                        + " waits until the transaction commits");
            }
        }
        LockModel.Row row = LockModel.of(st);
        if (row != null && row.lock().blocksTraffic()) {
            String table = RequireLockTimeout.strongLockTarget(t);
            if (table != null && !table.isEmpty() && !ctx.isNew(table)) {
                ctx.lockTaken(row.lock(), table, t.first().line());
            }
        }
    }

    /** What the statement does that takes time in proportion to a table's rows, or null for a quick statement. */
    private static String work(Tokens t, LintContext ctx) {
        String first = t.word(0);
        if (first.equals("update") || first.equals("delete") || first.equals("merge")) {
            String target = t.tableName(first.equals("delete") ? (t.word(1).equals("from") ? 2 : 1)
                    : first.equals("merge") ? (t.word(1).equals("into") ? 2 : 1) : (t.word(1).equals("only") ? 2 : 1));
            return ctx.isNew(target) ? null : first.toUpperCase(java.util.Locale.ROOT) + " of " + target;
        }
        if (first.equals("insert") && (t.findAnyDepth(1, "select") > 0)) {
            return "INSERT ... SELECT";
        }
        if (first.equals("with") && (t.contains("update") || t.contains("delete") || t.contains("insert"))) {
            return "a data-changing WITH";
        }
        // a scan that is safe on its own (its lock lets writes go on) but not under a held lock; the
        // scans and rewrites that are risky by themselves (an index built without CONCURRENTLY, a
        // validated constraint, a rewrite) are reported by their own rules at their own statements
        if (t.at(0, "alter", "table") && (t.findAnyDepth(0, "validate", "constraint") > 0
                || t.findAnyDepth(0, "attach", "partition") > 0)) {
            String table = RequireLockTimeout.strongLockTarget(t);
            return table != null && ctx.isNew(table) ? null : "the scan of " + table;
        }
        if (t.at(0, "refresh", "materialized", "view", "concurrently")) {
            return "the concurrent refresh of the materialized view";
        }
        return null;
    }
}
