package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-char-field}: char(n) pads values with spaces, which changes comparisons and wastes space. */
public final class BanCharField extends BaseRule {

    public BanCharField() {
        super("ban-char-field", Risk.LOW,
                "none",
                "nothing",
                "char(n) pads values with spaces, which changes comparisons and wastes space.",
                "use text (with a CHECK constraint when the length is a rule): code text CHECK (char_length(code) = 3)");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        for (Columns.Column c : Columns.of(st)) {
            String type = c.typeName();
            if (type.equals("char") || type.equals("character") || type.equals("bpchar")) {
                ctx.report(this, st, c.type().first(), "column " + c.name() + " of " + c.table() + " is char(n); use text");
            }
        }
    }
}
