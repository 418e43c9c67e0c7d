package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code prefer-identity}: serial types create a sequence that the table does not own fully (grants, dumps and copies of the table trip on it); identity columns are the SQL-standard replacement. */
public final class PreferIdentity extends BaseRule {

    public PreferIdentity() {
        super("prefer-identity", Risk.LOW,
                "none",
                "nothing",
                "serial types create a sequence that the table does not own fully (grants, dumps and copies of the table trip on it); identity columns are the SQL-standard replacement.",
                "use an identity column: id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        for (Columns.Column c : Columns.of(st)) {
            String type = c.typeName();
            if (type.equals("serial") || type.equals("bigserial") || type.equals("smallserial") || type.equals("serial2")
                    || type.equals("serial4") || type.equals("serial8")) {
                ctx.report(this, st, c.type().first(), "column " + c.name() + " of " + c.table() + " is " + type
                        + "; use bigint GENERATED ALWAYS AS IDENTITY");
            }
        }
    }
}
