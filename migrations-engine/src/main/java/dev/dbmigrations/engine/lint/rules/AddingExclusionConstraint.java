package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/**
 * {@code adding-exclusion-constraint}: Adding an EXCLUDE constraint to an existing table builds its
 * index and checks every row while holding an ACCESS EXCLUSIVE lock, and unlike UNIQUE it cannot be
 * attached to an index built concurrently beforehand.
 */
public final class AddingExclusionConstraint extends AlterTableRule {

    public AddingExclusionConstraint() {
        super("adding-exclusion-constraint", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table while the constraint's index is built and every row checked",
                "every read and write of the table, and every statement queued behind it",
                "Adding an EXCLUDE constraint to an existing table builds its index and checks every row while holding an ACCESS EXCLUSIVE lock, and unlike UNIQUE it cannot be attached to an index built concurrently beforehand.",
                "declare it when the table is created, or add it in a maintenance window while the table is small; where a unique index can express the rule, build that concurrently instead: CREATE UNIQUE INDEX CONCURRENTLY bookings_room_day ON bookings (room_id, day);");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (!a.word(0).equals("add")) {
            return;
        }
        int at = a.word(1).equals("constraint") ? a.nameEnd(2) : 1;
        if (a.word(at).equals("exclude")) {
            ctx.report(this, st, a.get(at), "EXCLUDE constraint on " + table + " builds its index and checks every row"
                    + " under an ACCESS EXCLUSIVE lock");
        }
    }
}
