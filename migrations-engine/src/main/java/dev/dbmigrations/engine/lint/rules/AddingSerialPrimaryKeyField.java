package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code adding-serial-primary-key-field}: Adding a serial or identity primary key column to an existing table fills every row and builds the index while holding an ACCESS EXCLUSIVE lock. */
public final class AddingSerialPrimaryKeyField extends AlterTableRule {

    public AddingSerialPrimaryKeyField() {
        super("adding-serial-primary-key-field", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table while the table is rewritten and the index built",
                "every read and write of the table, and every statement queued behind it",
                "Adding a serial or identity primary key column to an existing table fills every row and builds the index while holding an ACCESS EXCLUSIVE lock.",
                "add the column nullable, backfill it in batches, build the unique index concurrently, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        Columns.Column c = Columns.ofAddColumn(table, a);
        if (c != null && c.isPrimaryKey()) {
            ctx.report(this, st, c.nameToken(), "primary key column " + c.name() + " is added to " + table
                    + ": every row is filled and the index built under an ACCESS EXCLUSIVE lock");
        }
    }
}
