package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code update-without-where}: An UPDATE without WHERE rewrites every row in one transaction: it locks them all, bloats the table and can run for a long time. */
public final class UpdateWithoutWhere extends BaseRule {

    public UpdateWithoutWhere() {
        super("update-without-where", Risk.HIGH,
                "ROW EXCLUSIVE, and a row lock on every row of the table",
                "every other write to any row of the table until the migration commits",
                "An UPDATE without WHERE rewrites every row in one transaction: it locks them all, bloats the table and can run for a long time.",
                "update in batches with a WHERE clause on the key, one batch per statement or per run: UPDATE users SET plan = 'free' WHERE plan IS NULL AND id BETWEEN 1 AND 10000;");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (!st.word(0).equals("update")) {
            return;
        }
        int i = t.word(1).equals("only") ? 2 : 1;
        String table = t.tableName(i);
        if (t.find(1, "where") < 0 && !ctx.isNew(table)) {
            ctx.report(this, st, t.first(), "UPDATE of " + table + " without WHERE changes every row in one transaction");
        }
    }
}
