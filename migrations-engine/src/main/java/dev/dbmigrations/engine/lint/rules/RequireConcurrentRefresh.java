package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code require-concurrent-refresh}: REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every reader of the view until the refresh ends. */
public final class RequireConcurrentRefresh extends BaseRule {

    public RequireConcurrentRefresh() {
        super("require-concurrent-refresh", Risk.MEDIUM,
                "ACCESS EXCLUSIVE on the materialized view",
                "every read of the materialized view until the refresh ends",
                "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every reader of the view until the refresh ends.",
                "give the view a unique index and refresh it concurrently: REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (t.at(0, "refresh", "materialized", "view") && !t.word(3).equals("concurrently")) {
            ctx.report(this, st, t.first(), "materialized view " + t.name(3) + " is refreshed without CONCURRENTLY:"
                    + " readers wait");
        }
    }
}
