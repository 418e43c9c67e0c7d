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
        int at = t.word(on + 1).equals("only") ? on + 2 : on + 1;
        String table = t.tableName(at);
        ctx.indexCreated(t.name(t.skipIfExists(i + 1)));
        if (!ctx.isNew(table)) {
            ctx.report(this, st, t.get(i), "index on " + table + " built without CONCURRENTLY: writes to "
                    + table + " wait until it is built");
        }
    }
}
