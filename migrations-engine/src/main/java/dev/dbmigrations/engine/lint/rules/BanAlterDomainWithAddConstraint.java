package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-alter-domain-with-add-constraint}: Adding a constraint to a domain checks every column of every table that uses it, blocking their writes. */
public final class BanAlterDomainWithAddConstraint extends BaseRule {

    public BanAlterDomainWithAddConstraint() {
        super("ban-alter-domain-with-add-constraint", Risk.MEDIUM,
                "SHARE on every table using the domain while every value is checked",
                "writes to every table with a column of the domain",
                "Adding a constraint to a domain checks every column of every table that uses it, blocking their writes.",
                "add the constraint NOT VALID, then VALIDATE CONSTRAINT: ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0) NOT VALID;");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        Tokens t = new Tokens(st.tokens());
        if (t.at(0, "alter", "domain") && t.find(2, "add") > 0 && !t.contains("not", "valid")) {
            ctx.report(this, st, t.get(1), "constraint added to domain " + t.name(2) + " without NOT VALID");
        }
    }
}
