package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code constraint-missing-not-valid}: Adding a CHECK constraint without NOT VALID checks every row while holding an ACCESS EXCLUSIVE lock. */
public final class ConstraintMissingNotValid extends AlterTableRule {

    public ConstraintMissingNotValid() {
        super("constraint-missing-not-valid", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table while every row is checked",
                "every read and write of the table, and every statement queued behind it",
                "Adding a CHECK constraint without NOT VALID checks every row while holding an ACCESS EXCLUSIVE lock.",
                "add it NOT VALID (only new rows are checked), then VALIDATE CONSTRAINT after that has committed, which takes only a SHARE UPDATE EXCLUSIVE lock: in a later migration, or in the same file under -- migrations:no-transaction, since in one transaction the ADD's ACCESS EXCLUSIVE lock is held through the check: ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        int check = a.find(0, "check");
        if (a.word(0).equals("add") && check > 0 && (a.word(1).equals("constraint") || a.word(1).equals("check"))
                && a.find(0, "not", "valid") < 0) {
            ctx.report(this, st, a.get(check), "CHECK constraint on " + table
                    + " without NOT VALID checks every row under an ACCESS EXCLUSIVE lock");
        }
    }
}
