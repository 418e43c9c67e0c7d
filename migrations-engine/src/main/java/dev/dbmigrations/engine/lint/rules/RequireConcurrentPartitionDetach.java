package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTableRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code require-concurrent-partition-detach}: DETACH PARTITION without CONCURRENTLY locks the parent table. */
public final class RequireConcurrentPartitionDetach extends AlterTableRule {

    public RequireConcurrentPartitionDetach() {
        super("require-concurrent-partition-detach", Risk.MEDIUM, "ACCESS EXCLUSIVE on the partitioned table",
                "every read and write of the whole partitioned table",
                "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned (parent) table.",
                "detach it concurrently (PostgreSQL 14+) in a migration with -- migrations:no-transaction:"
                        + " ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;");
    }

    @Override
    protected void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a) {
        if (a.at(0, "detach", "partition") && a.find(2, "concurrently") < 0 && a.find(2, "finalize") < 0) {
            ctx.report(this, st, a.first(), "partition " + a.name(2) + " is detached from " + table
                    + " without CONCURRENTLY: the whole table is locked");
        }
    }
}
