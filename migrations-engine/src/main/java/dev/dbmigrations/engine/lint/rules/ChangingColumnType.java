package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.Catalog;
import dev.dbmigrations.engine.lint.ColumnType;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code changing-column-type}: Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except binary-compatible changes such as varchar(n) to text), and running code that reads the old type may break. */
public final class ChangingColumnType extends AlterTableRule {

    public ChangingColumnType() {
        super("changing-column-type", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, and running code that reads the old type may break. PostgreSQL skips the rewrite when the old type is binary coercible to the new one and nothing gets shorter: varchar(n) to a longer varchar or to text, text to varchar without a limit, numeric(p,s) to a larger precision with the same scale or to numeric, varbit(n) to a longer varbit, cidr to inet; those are not reported when the folder's earlier migrations say what the type was.",
                "add a new column of the new type, write both, backfill in batches, switch readers, then drop the old column: ALTER TABLE users ADD COLUMN age_big bigint;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        Catalog.AlterColumnType change = Catalog.AlterColumnType.of(a);
        if (change == null) {
            return;
        }
        ColumnType before = ctx.catalog().typeOf(table, change.column());
        String column = table + "." + change.column();
        if (before == null || change.type() == null) {
            ctx.report(this, st, a.get(change.typeAt()), "the type of " + column + " changes (its type before is not"
                    + " known from this folder): unless the change is binary compatible, the table is rewritten under an"
                    + " ACCESS EXCLUSIVE lock");
            return;
        }
        ColumnType.Change c = ColumnType.change(before, change.type());
        if (c == ColumnType.Change.SAME || c == ColumnType.Change.NO_REWRITE) {
            return; // PostgreSQL changes the catalog only (ALTER TABLE: binary coercible, never shorter)
        }
        ctx.report(this, st, a.get(change.typeAt()), "the type of " + column + " changes from " + before + " to "
                + change.type() + ": the table and its indexes are rewritten under an ACCESS EXCLUSIVE lock");
    }
}
