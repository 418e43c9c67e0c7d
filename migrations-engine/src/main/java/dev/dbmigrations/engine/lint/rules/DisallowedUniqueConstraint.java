package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code disallowed-unique-constraint}: Adding a UNIQUE or PRIMARY KEY constraint builds its index while holding an ACCESS EXCLUSIVE lock. */
public final class DisallowedUniqueConstraint extends AlterTableRule {

    public DisallowedUniqueConstraint() {
        super("disallowed-unique-constraint", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table while the index is built",
                "every read and write of the table, and every statement queued behind it",
                "Adding a UNIQUE or PRIMARY KEY constraint builds its index while holding an ACCESS EXCLUSIVE lock.",
                "build a unique index concurrently first (its own no-transaction migration), then attach it: CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email); then ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (!a.word(0).equals("add") || a.find(0, "using", "index") >= 0) {
            return;
        }
        int u = a.find(0, "unique");
        int pk = a.find(0, "primary", "key");
        int at = u >= 0 ? u : pk;
        boolean constraint = a.word(1).equals("constraint") || a.word(1).equals("unique") || a.word(1).equals("primary");
        if (at > 0 && constraint) {
            ctx.report(this, st, a.get(at), (u >= 0 ? "UNIQUE" : "PRIMARY KEY") + " constraint on " + table
                    + " builds its index under an ACCESS EXCLUSIVE lock");
        }
    }
}
