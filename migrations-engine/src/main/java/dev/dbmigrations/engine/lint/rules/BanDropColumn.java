package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTable;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-drop-column}: Dropping a column loses its data, and running code that still selects or writes it fails. */
public final class BanDropColumn extends AlterTableRule {

    public BanDropColumn() {
        super("ban-drop-column", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table (brief)",
                "every read and write of the table while the lock is held",
                "Dropping a column loses its data, and running code that still selects or writes it fails.",
                "stop reading and writing the column in code, deploy, then drop it in a later release; or silence the rule with -- migrations:ignore ban-drop-column <reason>.");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (!a.word(0).equals("drop") || a.word(1).equals("constraint")) {
            return;
        }
        int i = AlterTable.columnAt(a);
        i = a.skipIfExists(i);
        String column = a.name(i);
        if (!column.isEmpty() && !ctx.isNewColumn(table, column)) {
            ctx.report(this, st, a.get(i), "column " + table + "." + column + " is dropped with its data");
        }
    }
}
