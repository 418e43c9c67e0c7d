package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code prefer-timestamptz}: timestamp without time zone stores wall-clock time with no zone: values become ambiguous as soon as servers or clients use different zones. */
public final class PreferTimestamptz extends BaseRule {

    public PreferTimestamptz() {
        super("prefer-timestamptz", Risk.LOW,
                "none",
                "nothing",
                "timestamp without time zone stores wall-clock time with no zone: values become ambiguous as soon as servers or clients use different zones.",
                "use timestamptz: created_at timestamptz NOT NULL DEFAULT now()");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        for (Columns.Column c : Columns.of(st)) {
            String type = c.typeName();
            if (type.equals("timestamp") || type.equals("timestamp without time zone")) {
                ctx.report(this, st, c.type().first(), "column " + c.name() + " of " + c.table()
                        + " is timestamp without time zone; use timestamptz");
            }
        }
    }
}
