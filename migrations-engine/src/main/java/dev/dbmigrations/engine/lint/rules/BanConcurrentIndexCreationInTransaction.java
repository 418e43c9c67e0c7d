package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-concurrent-index-creation-in-transaction}: CREATE or DROP INDEX CONCURRENTLY cannot run inside a transaction block: the file's own BEGIN makes the migration fail at deploy time. */
public final class BanConcurrentIndexCreationInTransaction extends BaseRule {

    public BanConcurrentIndexCreationInTransaction() {
        super("ban-concurrent-index-creation-in-transaction", Risk.CRITICAL,
                "none: the statement fails",
                "nothing, the migration fails",
                "CREATE or DROP INDEX CONCURRENTLY cannot run inside a transaction block or a function: the file's own BEGIN, or a DO block around it, makes the migration fail at deploy time.",
                "remove the BEGIN/COMMIT (or the DO block) around it and put -- migrations:no-transaction on the first line; keep the concurrent index alone in its migration (IF NOT EXISTS makes it safe to run again).");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        boolean concurrent = (t.at(0, "create", "index", "concurrently") || t.at(0, "create", "unique", "index", "concurrently")
                || t.at(0, "drop", "index", "concurrently"));
        if (concurrent && ctx.insideDoBlock()) {
            ctx.report(this, st, t.first(), "CONCURRENTLY inside a DO block fails: the block's body runs as a function,"
                    + " and CONCURRENTLY cannot run inside one");
        } else if (concurrent && ctx.explicitTransactionOpen()) {
            ctx.report(this, st, t.first(), "CONCURRENTLY inside the file's own BEGIN ... COMMIT fails:"
                    + " it cannot run in a transaction block");
        }
    }
}
