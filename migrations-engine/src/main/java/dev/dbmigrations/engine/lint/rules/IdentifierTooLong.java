package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;

import java.nio.charset.StandardCharsets;

/** {@code identifier-too-long}: PostgreSQL silently truncates names longer than 63 bytes. */
public final class IdentifierTooLong extends BaseRule {

    static final int MAX = 63;

    public IdentifierTooLong() {
        super("identifier-too-long", Risk.MEDIUM, "none", "nothing",
                "PostgreSQL silently cuts names longer than 63 bytes, so two long names can become the same name,"
                        + " and code that uses the full name finds nothing.",
                "shorten the name to 63 bytes or less: CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at);");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        String w0 = st.word(0);
        if (!w0.equals("create") && !w0.equals("alter")) {
            return;
        }
        for (Token t : st.tokens()) {
            if (Tokens.isIdentifier(t) && Tokens.normalise(t).getBytes(StandardCharsets.UTF_8).length > MAX) {
                ctx.report(this, st, t, "the name " + Tokens.normalise(t) + " is longer than 63 bytes and will be cut to "
                        + Tokens.normalise(t).substring(0, Math.min(MAX, Tokens.normalise(t).length())));
            }
        }
    }
}
