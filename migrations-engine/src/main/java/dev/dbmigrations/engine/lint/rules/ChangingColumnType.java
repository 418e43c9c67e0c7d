package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code changing-column-type}: Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except binary-compatible changes such as varchar(n) to text), and running code that reads the old type may break. */
public final class ChangingColumnType extends AlterTableRule {

    public ChangingColumnType() {
        super("changing-column-type", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except binary-compatible changes such as varchar(n) to text), and running code that reads the old type may break.",
                "add a new column of the new type, write both, backfill in batches, switch readers, then drop the old column: ALTER TABLE users ADD COLUMN age_big bigint;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        int i = a.word(0).equals("alter") ? 1 : -1;
        if (i < 0) {
            return;
        }
        if (a.word(i).equals("column")) {
            i++;
        }
        int type = a.find(i + 1, "type");
        if (type == i + 1 || (type == i + 3 && a.at(i + 1, "set", "data"))) {
            ctx.report(this, st, a.get(type), "the type of " + table + "." + a.name(i)
                    + " changes: the table is rewritten under an ACCESS EXCLUSIVE lock");
        }
    }
}
