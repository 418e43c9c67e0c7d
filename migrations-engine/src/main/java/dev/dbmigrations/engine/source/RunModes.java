package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.StatementKind;

import java.util.List;

/** Decides how a file runs; see {@link RunMode}. */
public final class RunModes {

    private RunModes() {
    }

    public static RunMode of(Script script, int serverMajor) {
        if (script.noTransaction()) {
            return RunMode.NO_TRANSACTION;
        }
        List<SqlStatement> sts = script.statements();
        long control = sts.stream().filter(StatementKind::isTransactionControl).count();
        if (control > 0) {
            if (control == 2 && sts.size() >= 2 && StatementKind.isBegin(sts.get(0))
                    && StatementKind.isCommit(sts.get(sts.size() - 1))) {
                boolean bodyNeedsNoTx = sts.subList(1, sts.size() - 1).stream()
                        .anyMatch(st -> StatementKind.cannotRunInTransaction(st, serverMajor));
                return bodyNeedsNoTx ? RunMode.SELF_MANAGED : RunMode.WRAPPED;
            }
            return RunMode.SELF_MANAGED;
        }
        if (sts.stream().anyMatch(st -> StatementKind.cannotRunInTransaction(st, serverMajor))) {
            return RunMode.NO_TRANSACTION;
        }
        return RunMode.TRANSACTION;
    }

    /** The statements that run for a mode: a {@link RunMode#WRAPPED} file loses its BEGIN and COMMIT. */
    public static List<SqlStatement> statements(Script script, RunMode mode) {
        List<SqlStatement> sts = script.statements();
        if (mode == RunMode.WRAPPED) {
            return sts.subList(1, sts.size() - 1);
        }
        return sts;
    }
}
