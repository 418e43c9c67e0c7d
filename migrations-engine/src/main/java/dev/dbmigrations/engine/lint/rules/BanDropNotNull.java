package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTable;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-drop-not-null}: Dropping NOT NULL lets nulls in that running code may not expect: readers that assume a value start failing. */
public final class BanDropNotNull extends AlterTableRule {

    public BanDropNotNull() {
        super("ban-drop-not-null", Risk.LOW,
                "ACCESS EXCLUSIVE on the table (brief)",
                "every read and write of the table while the lock is held",
                "Dropping NOT NULL lets nulls in that running code may not expect: readers that assume a value start failing.",
                "make sure every reader handles null before you deploy it, or keep the constraint and change the writers.");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        int dn = a.find(0, "drop", "not", "null");
        if (a.word(0).equals("alter") && dn > 0) {
            if (ctx.notNullSetByUp(table, a.name(AlterTable.columnAt(a)))) {
                return; // the down file gives back the nullable column its up file changed
            }
            ctx.report(this, st, a.get(dn), "NOT NULL is dropped from a column of " + table
                    + ": readers that expect a value may fail");
        }
    }
}
