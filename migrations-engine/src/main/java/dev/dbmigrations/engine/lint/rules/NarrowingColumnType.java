package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.Catalog;
import dev.dbmigrations.engine.lint.ColumnType;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.Set;

/** {@code narrowing-column-type}: a change to a type that holds less than the column's type before (known from the folder's migrations). */
public final class NarrowingColumnType extends AlterTableRule {

    /** Types whose modifier is a limit on the values (length, precision). */
    static final Set<String> LIMITED = Set.of("varchar", "char", "numeric", "bit", "varbit");

    public NarrowingColumnType() {
        super("narrowing-column-type", Risk.CRITICAL,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "Changing a column to a type that holds less than the one it had (a shorter varchar, a smaller integer, less numeric precision or scale, a timestamp to a date) fails on the first row that does not fit, or silently rounds: the deploy stops half-way in production, or data is lost. The type before comes from the folder's earlier migrations; when the folder does not say, only a new length or precision limit is reported.",
                "keep the wider type and enforce the limit with a constraint added NOT VALID, then VALIDATE: ALTER TABLE users ADD CONSTRAINT users_name_len CHECK (char_length(name) <= 100) NOT VALID;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        Catalog.AlterColumnType change = Catalog.AlterColumnType.of(a);
        if (change == null || change.type() == null) {
            return;
        }
        ColumnType before = ctx.catalog().typeOf(table, change.column());
        String column = table + "." + change.column();
        if (before != null) {
            if (ColumnType.change(before, change.type()) == ColumnType.Change.NARROWS) {
                ctx.report(this, st, a.get(change.typeAt() + 1), "the type of " + column + " narrows from " + before
                        + " to " + change.type() + ": values that do not fit make the migration fail or are rounded");
            }
            return;
        }
        // the type before is not known from the folder: only a length or precision limit is narrowing whatever it was
        if (!change.type().mods().isEmpty() && LIMITED.contains(change.type().base())) {
            ctx.report(this, st, a.get(change.typeAt() + 1), "the type of " + column + " becomes " + change.type()
                    + ", a limit that values may not fit (its type before is not known from this folder)");
        }
    }
}
