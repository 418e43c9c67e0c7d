package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.List;
import java.util.Set;

/** {@code prefer-bigint-primary-key}: An integer primary key runs out at 2,147,483,647 rows; widening it later rewrites the table and every referencing table under locks. */
public final class PreferBigintPrimaryKey extends BaseRule {

    static final Set<String> SMALL = Set.of("int", "integer", "int4", "int2", "smallint", "serial", "serial4",
            "serial2", "smallserial");

    public PreferBigintPrimaryKey() {
        super("prefer-bigint-primary-key", Risk.MEDIUM,
                "none",
                "nothing now; the table later",
                "An integer primary key runs out at 2,147,483,647 rows; widening it later rewrites the table and every referencing table under locks.",
                "use bigint: id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        List<String> tablePk = Columns.tablePrimaryKey(st);
        for (Columns.Column c : Columns.of(st)) {
            if ((c.isPrimaryKey() || tablePk.contains(c.name())) && SMALL.contains(c.typeName())) {
                ctx.report(this, st, c.type().first(), "primary key " + c.table() + "." + c.name() + " is "
                        + c.typeName() + "; use bigint");
            }
        }
    }
}
