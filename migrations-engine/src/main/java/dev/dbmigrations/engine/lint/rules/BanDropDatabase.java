package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-drop-database}: Dropping a database deletes every schema of every service in it. */
public final class BanDropDatabase extends BaseRule {

    public BanDropDatabase() {
        super("ban-drop-database", Risk.CRITICAL,
                "the whole database",
                "every session of the database",
                "Dropping a database deletes every schema of every service in it.",
                "never drop a database from a migration; do it by hand, after a backup.");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (t.at(0, "drop", "database")) {
            ctx.report(this, st, t.get(1), "database " + t.name(t.skipIfExists(2)) + " is dropped");
        }
    }
}
