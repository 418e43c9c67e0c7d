package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTable;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code setting-not-null}: SET NOT NULL scans the whole table to check for nulls while it holds an ACCESS EXCLUSIVE lock. */
public final class SettingNotNull extends AlterTableRule {

    public SettingNotNull() {
        super("setting-not-null", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "SET NOT NULL scans the whole table to check for nulls while it holds an ACCESS EXCLUSIVE lock.",
                "add a NOT VALID check constraint, validate it once the ADD has committed (a later migration, or -- migrations:no-transaction: no blocking lock), then SET NOT NULL, which PostgreSQL 12+ proves from the constraint without a scan: ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID; ALTER TABLE users VALIDATE CONSTRAINT users_email_nn; ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        int sn = a.find(0, "set", "not", "null");
        if (a.word(0).equals("alter") && sn > 0) {
            int column = AlterTable.columnAt(a);
            if (ctx.isNew(table) || ctx.provenNotNull(table, a.name(column))) {
                return; // an empty new table, or a valid CHECK (column IS NOT NULL) lets PostgreSQL 12+ skip the scan
            }
            ctx.report(this, st, a.get(sn), "SET NOT NULL on " + table
                    + " scans the whole table under an ACCESS EXCLUSIVE lock");
        }
    }
}
