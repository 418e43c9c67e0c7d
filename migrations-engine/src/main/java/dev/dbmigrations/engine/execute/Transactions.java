package dev.dbmigrations.engine.execute;

import java.sql.Connection;
import java.sql.SQLException;

/** Work that commits whole or not at all, on a connection that is otherwise in autocommit. */
public final class Transactions {

    /** The work of one transaction; it may return what it found. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs {@code work} in one transaction on {@code c}: commits when it returns, rolls back when it
     * throws (a failed rollback is added to the exception), and leaves the connection's autocommit as
     * it found it.
     */
    public static <T> T inOne(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
