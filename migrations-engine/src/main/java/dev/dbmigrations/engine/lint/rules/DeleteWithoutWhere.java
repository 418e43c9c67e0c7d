package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code delete-without-where}: A DELETE without WHERE removes every row of the table in one transaction. */
public final class DeleteWithoutWhere extends BaseRule {

    public DeleteWithoutWhere() {
        super("delete-without-where", Risk.HIGH,
                "ROW EXCLUSIVE, and a row lock on every row of the table",
                "every other write to any row of the table until the migration commits",
                "A DELETE without WHERE removes every row of the table in one transaction.",
                "delete what you mean with a WHERE clause, in batches: DELETE FROM audit_log WHERE created_at < now() - interval '90 days';");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (!t.at(0, "delete", "from")) {
            return;
        }
        int i = t.word(2).equals("only") ? 3 : 2;
        String table = t.tableName(i);
        if (t.find(2, "where") < 0 && !ctx.isNew(table)) {
            ctx.report(this, st, t.first(), "DELETE from " + table + " without WHERE removes every row");
        }
    }
}
