package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-drop-schema}: Dropping a schema deletes every table in it with its data. */
public final class BanDropSchema extends BaseRule {

    public BanDropSchema() {
        super("ban-drop-schema", Risk.CRITICAL,
                "ACCESS EXCLUSIVE on every object in the schema",
                "everything in the schema",
                "Dropping a schema deletes every table in it with its data.",
                "drop the objects you mean one by one, after a backup, or silence the rule with -- migrations:ignore ban-drop-schema <reason>.");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (t.at(0, "drop", "schema")) {
            ctx.report(this, st, t.get(1), "schema " + t.name(t.skipIfExists(2)) + " is dropped with everything in it");
        }
    }
}
