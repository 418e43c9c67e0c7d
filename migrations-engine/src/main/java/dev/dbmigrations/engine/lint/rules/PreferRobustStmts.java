package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code prefer-robust-stmts}: A migration that runs outside a transaction can fail half-way and be run again after a fix; statements without IF [NOT] EXISTS then fail on what the first attempt already did. */
public final class PreferRobustStmts extends BaseRule {

    public PreferRobustStmts() {
        super("prefer-robust-stmts", Risk.LOW,
                "as the statement",
                "as the statement",
                "A migration that runs outside a transaction can fail half-way and be run again after a fix; statements without IF [NOT] EXISTS then fail on what the first attempt already did.",
                "write the statements so that they can run twice: CREATE INDEX CONCURRENTLY IF NOT EXISTS ...; DROP INDEX CONCURRENTLY IF EXISTS ...;");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (ctx.inTransaction()) {
            return;
        }
        int at = -1;
        if (t.at(0, "create", "table") || t.at(0, "drop", "table") || t.at(0, "drop", "index")) {
            at = t.word(2).equals("concurrently") ? 3 : 2;
        } else if (t.at(0, "create", "index") || t.at(0, "create", "unique", "index")) {
            at = t.word(1).equals("unique") ? 3 : 2;
            if (t.word(at).equals("concurrently")) {
                at++;
            }
        }
        if (at > 0 && !t.hasIfExists(at)) {
            ctx.report(this, st, t.first(), "outside a transaction, this fails when the migration is run again;"
                    + " add IF " + (t.word(0).equals("drop") ? "EXISTS" : "NOT EXISTS"));
        }
    }
}
