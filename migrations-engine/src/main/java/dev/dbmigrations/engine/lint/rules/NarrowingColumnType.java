package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.Set;

/** {@code narrowing-column-type}: Changing a column to a type with a length or precision limit, or to a smaller integer, fails on the first row that does not fit, or silently rounds numerics: the deploy stops half-way in production, or data is lost. */
public final class NarrowingColumnType extends AlterTableRule {

    static final Set<String> NARROW = Set.of("smallint", "int2", "integer", "int", "int4", "real", "float4",
            "varchar", "char", "character", "bpchar", "numeric", "decimal", "bit");

    public NarrowingColumnType() {
        super("narrowing-column-type", Risk.CRITICAL,
                "ACCESS EXCLUSIVE on the table",
                "every read and write of the table, and every statement queued behind it",
                "Changing a column to a type with a length or precision limit, or to a smaller integer, fails on the first row that does not fit, or silently rounds numerics: the deploy stops half-way in production, or data is lost.",
                "keep the wider type and enforce the limit with a constraint added NOT VALID, then VALIDATE: ALTER TABLE users ADD CONSTRAINT users_name_len CHECK (char_length(name) <= 100) NOT VALID;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (!a.word(0).equals("alter")) {
            return;
        }
        int type = a.find(1, "type");
        if (type < 0) {
            return;
        }
        Tokens target = a.sub(type + 1, a.size());
        String first = target.word(0);
        boolean limited = target.size() > 1 && target.get(1).isPunct('(')
                || target.at(0, "character", "varying", "") && target.size() > 2 && target.get(2).isPunct('(');
        if (NARROW.contains(first) || limited) {
            ctx.report(this, st, a.get(type + 1), "the type of " + table + " column becomes " + first
                    + (limited ? " with a limit" : "") + ": values that do not fit make the migration fail or are rounded");
        }
    }
}
