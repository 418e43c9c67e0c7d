package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code prefer-text-field}: varchar(n) gives no speed or space benefit over text in PostgreSQL, and raising the limit later is an ALTER that may rewrite or lock the table. */
public final class PreferTextField extends BaseRule {

    public PreferTextField() {
        super("prefer-text-field", Risk.LOW,
                "none",
                "nothing",
                "varchar(n) gives no speed or space benefit over text in PostgreSQL, and raising the limit later is an ALTER that may rewrite or lock the table.",
                "use text, with a CHECK constraint when a limit is a business rule: name text CHECK (char_length(name) <= 100)");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        for (Columns.Column c : Columns.of(st)) {
            String type = c.typeName();
            if ((type.equals("varchar") || type.equals("character varying")) && c.hasLength()) {
                ctx.report(this, st, c.type().first(), "column " + c.name() + " of " + c.table()
                        + " is varchar(n); use text (with a CHECK constraint if the limit matters)");
            }
        }
    }
}
