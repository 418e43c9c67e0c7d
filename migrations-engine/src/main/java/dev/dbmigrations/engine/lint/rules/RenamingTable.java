package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code renaming-table}: Renaming a table breaks every running instance of the code that still uses the old name. */
public final class RenamingTable extends AlterTableRule {

    public RenamingTable() {
        super("renaming-table", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table (brief)",
                "every read and write of the table while the lock is held",
                "Renaming a table breaks every running instance of the code that still uses the old name.",
                "create a view with the old name while code moves over, or copy to a new table and switch in steps: ALTER TABLE users RENAME TO accounts; CREATE VIEW users AS SELECT * FROM accounts;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (a.at(0, "rename", "to")) {
            ctx.report(this, st, a.first(), "table " + table + " is renamed to " + a.name(2)
                    + ": running code that uses the old name fails");
        }
    }
}
