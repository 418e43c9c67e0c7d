package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.LockModel;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;

import java.util.List;

/** {@code require-lock-timeout}: A statement that needs a strong lock on a busy table waits for running transactions, and every other query on the table queues behind it. A lock_timeout makes it give up (and the migration fail safely) instead. */
public final class RequireLockTimeout extends BaseRule {

    /**
     * What a statement does to lock_timeout: {@code SET [LOCAL|SESSION] lock_timeout {=|TO} value},
     * {@code RESET lock_timeout} or {@code SELECT set_config('lock_timeout', value, ...)} give the value
     * as written ("default" for RESET and DEFAULT); null for any other statement.
     */
    static String lockTimeoutValue(Tokens t) {
        int i = t.word(1).equals("local") || t.word(1).equals("session") ? 2 : 1;
        if (t.word(0).equals("set") && t.word(i).equals("lock_timeout")) {
            return i + 2 < t.size() ? t.get(i + 2).text().toLowerCase(java.util.Locale.ROOT) : "";
        }
        if (t.at(0, "reset", "lock_timeout") || t.at(0, "reset", "all")) {
            return "default";
        }
        if (t.word(0).equals("select") && t.findAnyDepth(1, "set_config") > 0) {
            List<Token> list = t.list();
            for (int k = 0; k + 2 < list.size(); k++) {
                if (list.get(k).text().equals("'lock_timeout'") && list.get(k + 1).isPunct(',')) {
                    return list.get(k + 2).text().toLowerCase(java.util.Locale.ROOT);
                }
            }
        }
        return null;
    }

    /** Whether a lock_timeout value turns the timeout off: 0 in any unit, or the default (0 unless the server sets one). */
    static boolean turnsOff(String value) {
        return value.equals("default") || value.matches("'?\\s*0+(\\.0*)?\\s*(us|ms|s|min|h|d)?\\s*'?");
    }

    /** The table a statement locks strongly, "" when it is not known, null when it takes no strong lock. */
    static String strongLockTarget(Tokens t) {
        if (t.at(0, "alter", "table")) {
            int i = t.skipIfExists(2);
            return t.tableName(t.word(i).equals("only") ? i + 1 : i);
        }
        if (t.at(0, "drop", "table") || t.at(0, "truncate")) {
            int i = t.word(0).equals("truncate") ? (t.word(1).equals("table") ? 2 : 1) : t.skipIfExists(2);
            return t.tableName(i);
        }
        if (t.at(0, "drop", "index") && !t.word(2).equals("concurrently")) {
            return "";
        }
        if ((t.at(0, "create", "index") || t.at(0, "create", "unique", "index")) && !t.contains("concurrently")) {
            int on = t.find(2, "on");
            return on < 0 ? "" : t.tableName(t.word(on + 1).equals("only") ? on + 2 : on + 1);
        }
        if (t.at(0, "create", "trigger") || t.at(0, "create", "or", "replace", "trigger") || t.at(0, "drop", "trigger")
                || t.at(0, "create", "constraint", "trigger")) {
            int on = t.find(2, "on");
            return on < 0 ? "" : t.tableName(on + 1);
        }
        if (LockModel.partitionParent(t) >= 0) {
            return t.tableName(LockModel.partitionParent(t));
        }
        if (t.at(0, "create", "policy") || t.at(0, "alter", "policy") || t.at(0, "drop", "policy")
                || t.at(0, "drop", "rule")) {
            int on = t.find(2, "on");
            return on < 0 ? "" : t.tableName(on + 1);
        }
        if (t.at(0, "create", "rule") || t.at(0, "create", "or", "replace", "rule")) {
            int to = t.find(2, "to");
            return to < 0 ? "" : t.tableName(to + 1);
        }
        if (t.word(0).equals("lock")) {
            return t.tableName(t.word(1).equals("table") ? 2 : 1);
        }
        if (t.at(0, "vacuum", "full") || t.at(0, "cluster") || (t.word(0).equals("reindex") && !t.contains("concurrently"))
                || (t.at(0, "refresh", "materialized", "view") && !t.word(3).equals("concurrently"))) {
            return "";
        }
        return null;
    }

    public RequireLockTimeout() {
        super("require-lock-timeout", Risk.MEDIUM,
                "ACCESS EXCLUSIVE (or SHARE) on an existing table",
                "while it waits for the lock, every later query on the table queues behind it: a long-running SELECT elsewhere turns a fast ALTER into an outage",
                "A statement that needs a strong lock on a busy table waits for running transactions, and every other query on the table queues behind it. A lock_timeout makes it give up (and the migration fail safely) instead.",
                "set a lock timeout at the top of the file (it covers every statement after it), and retry the deploy if it fires: SET lock_timeout = '5s'; or set lockTimeout for the environment in environments.json");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        String timeout = lockTimeoutValue(t);
        if (timeout != null) {
            if (turnsOff(timeout)) {
                ctx.clearLockTimeout();
            } else {
                ctx.setLockTimeout();
            }
            return;
        }
        if (ctx.lockTimeoutSet()) {
            return;
        }
        // the lock model says which statements take a lock that ordinary reads or writes queue behind
        LockModel.Row row = LockModel.of(st);
        if (row == null || !row.lock().blocksTraffic()) {
            return;
        }
        String table = strongLockTarget(t);
        if (table != null && !ctx.isNew(table)) {
            ctx.reportOncePerFile(this, st, t.first(), "takes " + row.lock().label + " on " + (table.isEmpty() ? "a table"
                    : table) + " (it blocks " + row.lock().blocks + ") with no lock_timeout set before it in this file");
        }
    }
}
