package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-drop-table}: Dropping a table deletes its data for good, and running code that still uses it fails at once. */
public final class BanDropTable extends BaseRule {

    public BanDropTable() {
        super("ban-drop-table", Risk.CRITICAL,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "Dropping a table deletes its data for good, and running code that still uses it fails at once.",
                "stop using the table in code first, deploy, keep a backup, and drop it in a later release; rename it first (ALTER TABLE old RENAME TO old_deprecated) to find forgotten readers, or silence the rule with -- migrations:ignore ban-drop-table <reason>.");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (!t.at(0, "drop", "table")) {
            return;
        }
        int i = t.skipIfExists(2);
        for (Tokens name : t.splitOnCommas(i, t.size())) {
            String table = name.tableName(0);
            if (!table.isEmpty() && !ctx.isNew(table)) {
                ctx.report(this, st, name.first(), "table " + table + " is dropped with its data");
            }
        }
    }
}
