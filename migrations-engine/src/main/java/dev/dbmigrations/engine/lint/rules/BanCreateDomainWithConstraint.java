package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-create-domain-with-constraint}: Constraints on domains cannot be added NOT VALID later without scanning every column of every table that uses the domain; changing them is a blocking operation. */
public final class BanCreateDomainWithConstraint extends BaseRule {

    public BanCreateDomainWithConstraint() {
        super("ban-create-domain-with-constraint", Risk.MEDIUM,
                "ACCESS EXCLUSIVE on every table using the domain, when altered later",
                "reads and writes of every table with a column of the domain",
                "Constraints on domains cannot be added NOT VALID later without scanning every column of every table that uses the domain; changing them is a blocking operation.",
                "put the CHECK on the table columns instead, where it can be added NOT VALID and validated without blocking.");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (t.at(0, "create", "domain") && t.contains("check")) {
            ctx.report(this, st, t.get(1), "domain " + t.name(2) + " carries a CHECK constraint; put it on the columns");
        }
    }
}
