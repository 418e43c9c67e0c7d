package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-truncate}: TRUNCATE deletes every row at once, and with CASCADE also every row of every table that references it, in other services' schemas too. */
public final class BanTruncate extends BaseRule {

    public BanTruncate() {
        super("ban-truncate", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "TRUNCATE deletes every row at once, and with CASCADE also every row of every table that references it, in other services' schemas too.",
                "delete the rows you mean with a WHERE clause, in batches; never use CASCADE: DELETE FROM sessions WHERE expires_at < now() - interval '30 days';");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (!t.word(0).equals("truncate")) {
            return;
        }
        if (t.contains("cascade")) {
            ctx.report(this, st, t.first(), "TRUNCATE ... CASCADE empties every table that references it too", Risk.CRITICAL);
        } else {
            ctx.report(this, st, t.first(), "TRUNCATE deletes every row of " + t.name(t.word(1).equals("table") ? 2 : 1));
        }
    }
}
