package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.sql.SqlStatement;

/**
 * A rule about the actions of {@code ALTER TABLE} on a table that already exists (altering a table
 * created earlier in the same migration is not risky: nobody uses it yet).
 */
public abstract class AlterTableRule extends BaseRule {

    protected AlterTableRule(String id, Risk risk, String lock, String blocks, String why, String fix) {
        super(id, risk, lock, blocks, why, fix);
    }

    @Override
    public final void check(SqlStatement st, LintContext ctx) {
        AlterTable alter = AlterTable.parse(st);
        if (alter == null || ctx.isNew(alter.table())) {
            return;
        }
        for (Tokens action : alter.actions()) {
            checkAction(st, ctx, alter.table(), action);
        }
    }

    /** Looks at one action ({@code ADD COLUMN ...}, {@code ALTER COLUMN ...}, ...) of an ALTER TABLE on {@code table}. */
    protected abstract void checkAction(SqlStatement st, LintContext ctx, String table, Tokens a);
}
