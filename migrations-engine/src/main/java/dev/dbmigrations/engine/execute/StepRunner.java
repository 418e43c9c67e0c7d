package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.Script;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.StatementKind;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs planned steps on the work connection, each with its bookkeeping: in one transaction when the
 * file allows, else statement by statement with the version marked dirty first.
 */
public final class StepRunner {

    private final Connection c;
    private final Tracking tracking;
    private final TreeSet<Long> appliedVersions;
    private final int serverMajor;
    private final String password;
    private final MigrationsListener listener;
    private final java.util.function.Function<Migration, List<String>> requires;
    private final java.util.Map<Long, Integer> resumeAt = new java.util.HashMap<>();

    /** Starts the up of {@code version} after its first {@code done} statements (a resumed run). */
    public void resume(long version, int done) {
        resumeAt.put(version, done);
    }

    public StepRunner(Connection c, Tracking tracking, TreeSet<Long> appliedVersions, int serverMajor,
                      String password, MigrationsListener listener,
                      java.util.function.Function<Migration, List<String>> requires) {
        this.requires = requires;
        this.c = c;
        this.tracking = tracking;
        this.appliedVersions = appliedVersions;
        this.serverMajor = serverMajor;
        this.password = password;
        this.listener = listener;
    }

    /** The result of one step: the step and, when it failed, why. */
    public record Outcome(Step step, Problem problem, boolean dirty) {
    }

    /**
     * Told after each statement that ran inside a transaction, while that transaction still holds its
     * locks: what {@code migrations:verify} traces (the locks it took, the relations it rewrote).
     */
    @FunctionalInterface
    public interface Observer {
        void after(SqlStatement statement, Connection c) throws SQLException;
    }

    private Observer observer;

    /** Sets (or, with null, clears) the observer of the statements run from now on. */
    public void observe(Observer o) {
        this.observer = o;
    }

    private void told(SqlStatement s) throws SQLException {
        if (observer != null && !c.getAutoCommit()) {
            observer.after(s, c);
        }
    }

    /** The statement being run, for the place of a failure; null between statements and in bookkeeping. */
    private SqlStatement current;

    public Outcome run(Plan.PlannedStep planned, int index, int total) throws SQLException {
        Migration m = planned.migration();
        Direction d = planned.direction();
        Script script = d == Direction.UP ? m.up() : m.down();
        RunModes.Resolved resolved = RunModes.resolve(script, serverMajor);
        RunMode mode = resolved.mode();
        List<SqlStatement> statements = resolved.statements();
        long versionAfter = versionAfter(m.version(), d);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int skip = d == Direction.UP ? resumeAt.getOrDefault(m.version(), 0) : 0;
        begin(m, d, script, mode, skip, versionAfter);
        current = null;
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            if (mode.marksDirty() && d == Direction.UP && resumeAt.containsKey(m.version()) && skip < statements.size()) {
                // the statement a killed run may have left half done or done without its record
                current = statements.get(skip);
                if (Interrupted.check(c, current, serverMajor, listener) == Interrupted.Outcome.DONE) {
                    tracking.recordProgress(c, m.version(), d, script.checksum(), ++skip);
                }
            }
            for (int i = skip; i < statements.size(); i++) {
                current = statements.get(i);
                if (mode.marksDirty()) {
                    executeRecorded(st, current, m, d, script.checksum(), i + 1);
                } else {
                    st.execute(current.text());
                    told(current);
                }
            }
            current = null;
            long millis = complete(m, d, script, mode, started, t0, versionAfter);
            listener.info("[" + index + "/" + total + "] " + m.id() + (d == Direction.UP ? " applied" : " rolled back")
                    + " in " + millis + " ms" + (mode == RunMode.TRANSACTION ? "" : " (" + mode.label() + ")"));
            return new Outcome(new Step(m.version(), m.id(), d, mode, true, millis), null, false);
        } catch (OpenTransaction e) {
            return failed(m, d, script, mode, started, t0, null, null,
                    "the file leaves a transaction open after its last statement",
                    "end the file with COMMIT, or remove its BEGIN");
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                executeQuietly("rollback");
                c.setAutoCommit(true);
            } else if (transactionState() != TransactionState.IDLE) {
                executeQuietly("rollback");
            }
            return failed(m, d, script, mode, started, t0, current, e, null, null);
        }
    }

    /**
     * Before the first statement: a file that runs outside a transaction records its progress, then
     * marks the version dirty as golang-migrate does (the version being applied, or the one a down
     * goes back to); a kill between the two leaves a clean version, never a dirty one without
     * progress. Any other file opens the transaction its statements and bookkeeping share.
     */
    private void begin(Migration m, Direction d, Script script, RunMode mode, int skip, long versionAfter)
            throws SQLException {
        if (mode.marksDirty()) {
            c.setAutoCommit(true);
            tracking.recordProgress(c, m.version(), d, script.checksum(), skip);
            tracking.setVersion(c, d == Direction.UP ? m.version() : versionAfter, true);
        } else {
            c.setAutoCommit(false);
        }
    }

    /** After the last statement: the step's bookkeeping, committed; returns how long the step took. */
    private long complete(Migration m, Direction d, Script script, RunMode mode, Instant started, long t0,
                          long versionAfter) throws SQLException, OpenTransaction {
        if (mode.marksDirty()) {
            if (transactionState() != TransactionState.IDLE) {
                executeQuietly("rollback");
                throw new OpenTransaction();
            }
            c.setAutoCommit(false);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        tracking.recordStep(c, d, m.version(), m.id(), script.checksum(), mode.label(), started, millis,
                versionAfter, requires.apply(m));
        if (mode.marksDirty()) {
            tracking.clearProgress(c, m.version());
        }
        c.commit();
        c.setAutoCommit(true);
        if (d == Direction.UP) {
            appliedVersions.add(m.version());
        } else {
            appliedVersions.remove(m.version());
        }
        return millis;
    }

    /**
     * One statement of a file that runs outside a transaction, with the record that it is done
     * ({@code done} statements of the file): both commit together or neither does, so a run killed at
     * any moment leaves a record that says exactly whether the statement took effect. A statement that
     * cannot run in a transaction block commits alone before its record; a statement inside the file's
     * own transaction is recorded in that transaction.
     */
    private void executeRecorded(Statement st, SqlStatement s, Migration m, Direction d, String checksum, int done)
            throws SQLException {
        boolean own = transactionState() == TransactionState.IDLE && !StatementKind.isTransactionControl(s)
                && !StatementKind.cannotRunInTransaction(s, serverMajor);
        if (own) {
            c.setAutoCommit(false);
            try {
                st.execute(s.text());
            } catch (SQLException e) {
                c.rollback();
                c.setAutoCommit(true);
                if (!NOT_IN_A_BLOCK.contains(e.getSQLState())) {
                    throw e;
                }
                // a statement PostgreSQL runs only outside a transaction block: the refusal changed nothing
                listener.debug("statement at line " + s.line() + " runs outside a transaction block: " + e.getMessage());
                st.execute(s.text());
                tracking.recordProgress(c, m.version(), d, checksum, done);
                return;
            }
            told(s);
            tracking.recordProgress(c, m.version(), d, checksum, done);
            c.commit();
            c.setAutoCommit(true);
            return;
        }
        st.execute(s.text());
        tracking.recordProgress(c, m.version(), d, checksum, done);
    }

    /** SQLSTATEs of a statement refused inside a transaction block: active_sql_transaction, invalid_transaction_termination. */
    private static final java.util.Set<String> NOT_IN_A_BLOCK = java.util.Set.of("25001", "2D000");

    private static final class OpenTransaction extends Exception {
        OpenTransaction() {
            super(null, null, false, false);
        }
    }

    private Outcome failed(Migration m, Direction d, Script script, RunMode mode, Instant started, long t0,
                           SqlStatement statement, SQLException e, String message, String fix) throws SQLException {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        int line = 0;
        int column = 0;
        String sqlState = null;
        if (e != null) {
            StatementFailure f = StatementFailure.of(statement, e, password);
            line = f.line();
            column = f.column();
            sqlState = f.sqlState();
            message = f.message();
        }
        boolean dirty = mode.marksDirty();
        String waited = waitedTooLong(sqlState);
        if (fix == null && waited != null) {
            // not the SQL's fault: the statement found the database busy
            fix = waited + (dirty && d == Direction.UP ? "; the statement was rolled back and the version is dirty at "
                    + m.version() + ": run migrations:up again once that is resolved, and it resumes at this statement"
                    : dirty ? "; the version is dirty: check what the statements before line " + line + " changed, then"
                    + " run migrations:force -Dmigrations.version=<version that is applied>"
                    : "; nothing of " + m.id() + " was kept: run migrations:" + d.label() + " again once that is resolved");
        }
        if (fix == null) {
            fix = dirty
                    ? "the version is now dirty: check what the statements before line " + line + " changed, undo or"
                    + " finish it by hand, then run migrations:force -Dmigrations.version=<version that is applied>"
                    : "fix the statement and run migrations:" + d.label() + " again; nothing of "
                    + m.id() + " was kept";
        }
        tracking.recordHistory(c, m.version(), m.id(), d.label(), false, script.checksum(), mode.label(), started,
                millis, sqlState, message, line == 0 ? null : line);
        Problem problem = Check.MIGRATION_FAILED.at(script.path(), line, column, m.id() + " (" + d.label() + ") failed: " + message, fix);
        return new Outcome(new Step(m.version(), m.id(), d, mode, false, millis), problem, dirty);
    }

    /**
     * Advice for a statement stopped by what other sessions hold or by a timeout rather than by its
     * SQL; null for any other SQLSTATE.
     */
    static String waitedTooLong(String sqlState) {
        if (sqlState == null) {
            return null;
        }
        return switch (sqlState) {
            case "55P03" -> "another session holds a lock this statement needs, and lock_timeout ran out waiting for it:"
                    + " find the holder (select pid, state, xact_start, query from pg_stat_activity where state <> 'idle'"
                    + " order by xact_start), e.g. a long transaction or the statement of a killed run that is still"
                    + " ending, wait for it or end it, or raise lockTimeout in environments.json";
            case "57014" -> "the statement was cancelled: it ran longer than statement_timeout, or someone cancelled it;"
                    + " raise statementTimeout in environments.json for it, or make it cheaper";
            case "40P01" -> "PostgreSQL broke a deadlock between this statement and another session's";
            case "40001" -> "a serialization failure with another session's transaction";
            default -> null;
        };
    }

    /** The highest applied version once this step is done (-1 for none), without copying the set. */
    private long versionAfter(long version, Direction d) {
        if (d == Direction.UP) {
            return appliedVersions.isEmpty() ? version : Math.max(version, appliedVersions.last());
        }
        Long below = appliedVersions.isEmpty() || appliedVersions.last() != version
                ? (appliedVersions.isEmpty() ? null : appliedVersions.last())
                : appliedVersions.lower(version);
        return below == null ? -1 : below;
    }

    private TransactionState transactionState() throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    private void executeQuietly(String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException ignored) {
            // best effort: the connection is already failing
        }
    }
}
