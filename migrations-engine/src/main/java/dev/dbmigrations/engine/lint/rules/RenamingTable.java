package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTable;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code renaming-table}: Renaming a table breaks every running instance of the code that still uses the old name. */
public final class RenamingTable extends BaseRule {

    public RenamingTable() {
        super("renaming-table", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table (brief)",
                "every read and write of the table while the lock is held",
                "Renaming a table breaks every running instance of the code that still uses the old name.",
                "create a view with the old name while code moves over, or copy to a new table and switch in steps: ALTER TABLE users RENAME TO accounts; CREATE VIEW users AS SELECT * FROM accounts;");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        AlterTable alter = AlterTable.parse(st);
        if (alter == null || ctx.isNew(alter.table())) {
            return;
        }
        for (Tokens a : alter.actions()) {
            if (a.at(0, "rename", "to")) {
                ctx.report(this, st, a.first(), "table " + alter.table() + " is renamed to " + a.name(2)
                        + ": running code that uses the old name fails");
            }
        }
    }
}
