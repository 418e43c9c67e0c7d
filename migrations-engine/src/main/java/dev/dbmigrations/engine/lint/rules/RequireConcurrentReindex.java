package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code require-concurrent-reindex}: REINDEX without CONCURRENTLY blocks writes to the table and reads through the index until it finishes. */
public final class RequireConcurrentReindex extends BaseRule {

    public RequireConcurrentReindex() {
        super("require-concurrent-reindex", Risk.MEDIUM,
                "ACCESS EXCLUSIVE on the index, SHARE on the table",
                "writes to the table and every query that uses the index",
                "REINDEX without CONCURRENTLY blocks writes to the table and reads through the index until it finishes.",
                "use REINDEX INDEX CONCURRENTLY (PostgreSQL 12+) in a migration with -- migrations:no-transaction.");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (t.word(0).equals("reindex") && !t.contains("concurrently")) {
            ctx.report(this, st, t.first(), "REINDEX without CONCURRENTLY blocks writes while it runs");
        }
    }
}
