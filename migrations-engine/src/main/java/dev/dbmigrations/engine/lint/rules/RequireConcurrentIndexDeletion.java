package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code require-concurrent-index-deletion}: DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table, and waits for every running query on it first. */
public final class RequireConcurrentIndexDeletion extends BaseRule {

    public RequireConcurrentIndexDeletion() {
        super("require-concurrent-index-deletion", Risk.MEDIUM,
                "ACCESS EXCLUSIVE on the index's table",
                "every read and write of the table, and every statement queued behind it",
                "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table, and waits for every running query on it first.",
                "drop it concurrently in a migration with -- migrations:no-transaction: DROP INDEX CONCURRENTLY IF EXISTS orders_user_id;");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (!t.at(0, "drop", "index") || t.word(2).equals("concurrently")) {
            return;
        }
        String index = t.name(t.skipIfExists(2));
        if (!ctx.isNewIndex(index) && ctx.direction() == Direction.UP) {
            ctx.report(this, st, t.get(1), "index " + index + " dropped without CONCURRENTLY: its table is locked"
                    + " for reads and writes");
        }
    }
}
