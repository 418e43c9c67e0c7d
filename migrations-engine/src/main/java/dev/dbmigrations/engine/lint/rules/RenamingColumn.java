package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTable;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code renaming-column}: Renaming a column breaks every running instance of the code that still uses the old name. */
public final class RenamingColumn extends AlterTableRule {

    public RenamingColumn() {
        super("renaming-column", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table (brief)",
                "every read and write of the table while the lock is held",
                "Renaming a column breaks every running instance of the code that still uses the old name.",
                "add the new column, write both, backfill, move readers, then drop the old column in a later release.");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (a.word(0).equals("rename") && !a.at(0, "rename", "to") && !a.at(0, "rename", "constraint")) {
            int i = AlterTable.columnAt(a);
            ctx.report(this, st, a.first(), "column " + table + "." + a.name(i)
                    + " is renamed: running code that uses the old name fails");
        }
    }
}
