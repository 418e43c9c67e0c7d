package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-table-rewrite}: VACUUM FULL and CLUSTER rewrite the whole table while holding an ACCESS EXCLUSIVE lock. */
public final class BanTableRewrite extends BaseRule {

    public BanTableRewrite() {
        super("ban-table-rewrite", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table for the whole rewrite",
                "every read and write of the table, and every statement queued behind it",
                "VACUUM FULL and CLUSTER rewrite the whole table while holding an ACCESS EXCLUSIVE lock.",
                "do not rewrite tables from a migration; use pg_repack or pg_squeeze outside the deploy, or plain VACUUM.");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if ((t.word(0).equals("vacuum") && (t.word(1).equals("full") || t.findAnyDepth(1, "full") > 0))
                || t.word(0).equals("cluster")) {
            ctx.report(this, st, t.first(), t.word(0).toUpperCase(java.util.Locale.ROOT)
                    + " rewrites the table under an ACCESS EXCLUSIVE lock");
        }
    }
}
