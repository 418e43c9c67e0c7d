package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.lint.Volatility;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.Set;

/** {@code adding-field-with-volatile-default}: A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), ...), as a serial or identity column (filled from a sequence), or as a stored generated column makes PostgreSQL rewrite the whole table while it holds an ACCESS EXCLUSIVE lock. A default that is not volatile (a constant, now(), timezone('utc', now()), any built-in function PostgreSQL marks IMMUTABLE or STABLE) is only a catalog change since PostgreSQL 11; a function of your own or of an extension is VOLATILE unless declared otherwise. */
public final class AddingFieldWithVolatileDefault extends AlterTableRule {

    private static final Set<String> SERIALS = Set.of("serial", "bigserial", "smallserial", "serial2", "serial4", "serial8");

    /** Words that end a column's DEFAULT expression: the next constraint of the column. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "check", "unique", "primary",
            "references", "generated", "collate", "deferrable", "initially");

    public AddingFieldWithVolatileDefault() {
        super("adding-field-with-volatile-default", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), ...), as a serial or identity column (filled from a sequence), or as a stored generated column makes PostgreSQL rewrite the whole table while it holds an ACCESS EXCLUSIVE lock. A default that is not volatile (a constant, now(), timezone('utc', now()), any built-in function PostgreSQL marks IMMUTABLE or STABLE) is only a catalog change since PostgreSQL 11; a function of your own or of an extension is VOLATILE unless declared otherwise.",
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
            int end = d + 1;
            int depth = 0;
            while (end < c.rest().size() && !(depth == 0 && end > d + 1 && CONSTRAINT_WORDS.contains(c.rest().word(end)))) {
                depth += c.rest().get(end).isPunct('(') ? 1 : c.rest().get(end).isPunct(')') ? -1 : 0;
                end++;
            }
            // a call in the default expression, of a function not known to be IMMUTABLE or STABLE
            for (int i = d + 1; i + 1 < end; i++) {
                String w = c.rest().word(i);
                if (!w.isEmpty() && c.rest().get(i + 1).isPunct('(') && !Volatility.nonVolatile(w)) {
                    ctx.report(this, st, c.rest().get(i), "column " + c.name() + " of " + table
                            + " gets the volatile default " + w + "(): the table is rewritten under an ACCESS EXCLUSIVE lock");
                    break;
                }
            }
        }
        // serial and identity columns fill every existing row from a sequence: a volatile default by
        // another name (a primary key of them is adding-serial-primary-key-field's)
        if ((SERIALS.contains(c.typeName()) || c.has("as", "identity")) && !c.isPrimaryKey()) {
            ctx.report(this, st, c.type().first(), "column " + c.name() + " of " + table + " is filled from a sequence ("
                    + (c.has("as", "identity") ? "identity" : c.typeName()) + "): every row gets a value, so the table is"
                    + " rewritten under an ACCESS EXCLUSIVE lock");
        }
        if (c.has("generated", "always", "as") && c.has("stored")) {
            ctx.report(this, st, c.nameToken(), "stored generated column " + c.name() + " rewrites " + table
                    + " under an ACCESS EXCLUSIVE lock");
        }
    }
}
