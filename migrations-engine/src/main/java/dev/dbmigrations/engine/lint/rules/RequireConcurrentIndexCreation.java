package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code require-concurrent-index-creation}: CREATE INDEX without CONCURRENTLY blocks writes to the table for as long as the index takes to build. */
public final class RequireConcurrentIndexCreation extends BaseRule {

    public RequireConcurrentIndexCreation() {
        super("require-concurrent-index-creation", Risk.HIGH,
                "SHARE on the table for the whole build",
                "every INSERT, UPDATE and DELETE on the table until the index is built",
                "CREATE INDEX without CONCURRENTLY blocks writes to the table for as long as the index takes to build.",
                "build it concurrently in a migration of its own with -- migrations:no-transaction: CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id ON orders (user_id);");
    }

    /** A partitioned table cannot be indexed CONCURRENTLY: the parent's index is assembled from its partitions'. */
    static final String PARTITIONED_FIX = "PostgreSQL cannot build an index CONCURRENTLY on a partitioned table; create"
            + " it on the parent alone, then build and attach each partition's: CREATE INDEX IF NOT EXISTS events_at ON"
            + " ONLY events (at); then, in a migration with -- migrations:no-transaction, for each partition: CREATE"
            + " INDEX CONCURRENTLY IF NOT EXISTS events_2026_at ON events_2026 (at); ALTER INDEX events_at ATTACH"
            + " PARTITION events_2026_at; (the parent's index is valid once every partition's is attached).";

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (!st.word(0).equals("create")) {
            return;
        }
        int i = st.word(1).equals("unique") ? 2 : 1;
        if (!st.word(i).equals("index") || st.word(i + 1).equals("concurrently")) {
            return;
        }
        int on = t.find(i, "on");
        if (on < 0) {
            return;
        }
        boolean only = t.word(on + 1).equals("only");
        String table = t.tableName(only ? on + 2 : on + 1);
        ctx.indexCreated(t.name(t.skipIfExists(i + 1)));
        Boolean partitioned = ctx.catalog().partitioned(table);
        if (ctx.isNew(table) || (only && !Boolean.FALSE.equals(partitioned))) {
            // ON ONLY a partitioned table makes an invalid index on the parent alone: nothing is built
            return;
        }
        String message = "index on " + table + " built without CONCURRENTLY: writes to " + table + " wait until it is built";
        if (Boolean.TRUE.equals(partitioned)) {
            ctx.reportWithFix(this, st, t.get(i), message + " (on every partition)", risk(), PARTITIONED_FIX);
        } else {
            ctx.report(this, st, t.get(i), message);
        }
    }
}
