package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.Set;

/** {@code adding-field-with-volatile-default}: A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), ...) or as a stored generated column makes PostgreSQL rewrite the whole table while it holds an ACCESS EXCLUSIVE lock. A constant or now() default is only a catalog change since PostgreSQL 11. */
public final class AddingFieldWithVolatileDefault extends AlterTableRule {

    /** Functions whose value is fixed for the statement: a default of them is not volatile. */
    static final Set<String> STABLE = Set.of("now", "current_timestamp", "statement_timestamp",
            "transaction_timestamp", "current_date", "localtimestamp", "current_user", "session_user",
            "lower", "upper", "coalesce", "to_jsonb", "jsonb_build_object", "array");

    public AddingFieldWithVolatileDefault() {
        super("adding-field-with-volatile-default", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), ...) or as a stored generated column makes PostgreSQL rewrite the whole table while it holds an ACCESS EXCLUSIVE lock. A constant or now() default is only a catalog change since PostgreSQL 11.",
                "add the column without a default (or with a constant one), set the default for new rows, then backfill in batches: ALTER TABLE orders ADD COLUMN token uuid; ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid(); UPDATE orders SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        Columns.Column c = Columns.ofAddColumn(table, a);
        if (c == null) {
            return;
        }
        int d = c.rest().find(0, "default");
        if (d >= 0) {
            for (int i = d + 1; i + 1 < c.rest().size(); i++) {
                String w = c.rest().word(i);
                if (!w.isEmpty() && c.rest().get(i + 1).isPunct('(') && !STABLE.contains(w)) {
                    ctx.report(this, st, c.rest().get(i), "column " + c.name() + " of " + table
                            + " gets the volatile default " + w + "(): the table is rewritten under an ACCESS EXCLUSIVE lock");
                    break;
                }
            }
        }
        if (c.has("generated", "always", "as") && c.has("stored")) {
            ctx.report(this, st, c.nameToken(), "stored generated column " + c.name() + " rewrites " + table
                    + " under an ACCESS EXCLUSIVE lock");
        }
    }
}
