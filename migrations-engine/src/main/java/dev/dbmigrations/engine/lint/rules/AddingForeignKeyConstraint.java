package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code adding-foreign-key-constraint}: Adding a foreign key without NOT VALID checks every row while it blocks writes to both tables. */
public final class AddingForeignKeyConstraint extends AlterTableRule {

    public AddingForeignKeyConstraint() {
        super("adding-foreign-key-constraint", Risk.HIGH,
                "SHARE ROW EXCLUSIVE on both tables while every row is checked",
                "every write to the table and to the referenced table",
                "Adding a foreign key without NOT VALID checks every row while it blocks writes to both tables.",
                "add it NOT VALID, then VALIDATE CONSTRAINT after that has committed (SHARE UPDATE EXCLUSIVE, writes go on): in a later migration, or in the same file under -- migrations:no-transaction, since in one transaction the ADD's lock is held through the check: ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID; ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (!a.word(0).equals("add")) {
            return;
        }
        int fk = a.find(0, "foreign", "key");
        int refs = a.find(0, "references");
        if (fk > 0 && a.find(0, "not", "valid") < 0) {
            ctx.report(this, st, a.get(fk), "foreign key on " + table
                    + " without NOT VALID checks every row while writes to both tables wait");
        } else if (fk < 0 && refs > 0) {
            ctx.report(this, st, a.get(refs), "a new column of " + table
                    + " references another table: both tables' writes wait while it is added", Risk.MEDIUM);
        }
    }
}
