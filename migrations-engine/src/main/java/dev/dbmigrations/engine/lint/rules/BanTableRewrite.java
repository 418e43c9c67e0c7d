package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.AlterTable;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.LockModel;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;

/** {@code ban-table-rewrite}: statements whose whole purpose is to rewrite a table (the lock model's rewriting forms), under ACCESS EXCLUSIVE. */
public final class BanTableRewrite extends BaseRule {

    public BanTableRewrite() {
        super("ban-table-rewrite", Risk.HIGH,
                "ACCESS EXCLUSIVE on the table for the whole rewrite",
                "every read and write of the table, and every statement queued behind it",
                "VACUUM FULL, CLUSTER, and ALTER TABLE's SET LOGGED, SET UNLOGGED, SET ACCESS METHOD (15+) and SET TABLESPACE rewrite or copy the whole table while holding an ACCESS EXCLUSIVE lock.",
                "do not rewrite tables from a migration; use pg_repack or pg_squeeze outside the deploy, or plain VACUUM.");
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        LockModel.Row row = LockModel.of(st);
        if (row == null || row.work() != LockModel.Work.REWRITE || row.lock() != LockModel.Lock.ACCESS_EXCLUSIVE
                || row.form().startsWith("REFRESH")) {
            return; // materialized views have require-concurrent-refresh
        }
        AlterTable alter = AlterTable.parse(st);
        if (alter != null && ctx.isNew(alter.table())) {
            return;
        }
        Tokens t = new Tokens(st.tokens());
        ctx.report(this, st, t.first(), row.form() + " rewrites " + (alter != null ? alter.table() : "the table")
                + " under an ACCESS EXCLUSIVE lock");
    }
}
