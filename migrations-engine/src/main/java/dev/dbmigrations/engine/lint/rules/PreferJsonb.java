package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.sql.SqlStatement;

/**
 * {@code prefer-jsonb}: json has no equality operator, so a query with DISTINCT, GROUP BY, UNION or a
 * comparison on a table with a json column fails, and it can have no GIN index; jsonb has both.
 */
public final class PreferJsonb extends BaseRule {

    public PreferJsonb() {
        super("prefer-jsonb", Risk.LOW,
                "none",
                "nothing",
                "json has no equality operator, so SELECT DISTINCT, GROUP BY, UNION or a comparison over a json column fails (a SELECT DISTINCT * on the table breaks the day one is added), and it cannot have a GIN index; jsonb has both, and is what queries on JSON expect.",
                "use jsonb: payload jsonb NOT NULL DEFAULT '{}'; keep json only where the exact text (key order, duplicate keys, whitespace) must survive");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        for (Columns.Column c : Columns.of(st)) {
            String type = c.typeName();
            if (type.equals("json") || type.equals("json[]")) {
                ctx.report(this, st, c.type().first(), "column " + c.name() + " of " + c.table() + " is json; use jsonb");
            }
        }
    }
}
