package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.StatementKind;

import java.util.List;

/** Decides how a file runs; see {@link RunMode}. */
public final class RunModes {

    private RunModes() {
    }

    /** How a file runs and the statements that run: the file is split once for both. */
    public record Resolved(RunMode mode, List<SqlStatement> statements) {
    }

    public static Resolved resolve(Script script, int serverMajor) {
        List<SqlStatement> sts = script.statements();
        RunMode mode = of(script, sts, serverMajor);
        return new Resolved(mode, mode == RunMode.WRAPPED ? sts.subList(1, sts.size() - 1) : sts);
    }

    public static RunMode of(Script script, int serverMajor) {
        return of(script, script.noTransaction() ? List.of() : script.statements(), serverMajor);
    }

    private static RunMode of(Script script, List<SqlStatement> sts, int serverMajor) {
        if (script.noTransaction()) {
            return RunMode.NO_TRANSACTION;
        }
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

}
