package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code adding-not-nullable-field}: A NOT NULL column without a default cannot be added to a table that has rows: the migration fails in production where the table is not empty, after it passed on an empty development database. */
public final class AddingNotNullableField extends AlterTableRule {

    public AddingNotNullableField() {
        super("adding-not-nullable-field", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "A NOT NULL column without a default cannot be added to a table that has rows: the migration fails in production where the table is not empty, after it passed on an empty development database.",
                "add the column with a default, or nullable, then backfill and add the constraint: ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        Columns.Column c = Columns.ofAddColumn(table, a);
        if (c != null && c.has("not", "null") && !c.has("default") && !c.has("generated")) {
            ctx.report(this, st, c.nameToken(), "column " + c.name() + " is added to " + table
                    + " as NOT NULL without a default: this fails if the table has rows");
        }
    }
}
