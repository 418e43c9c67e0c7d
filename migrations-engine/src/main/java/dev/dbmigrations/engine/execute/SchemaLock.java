package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The session-level advisory lock of one schema, held for the whole run by the session that runs the
 * run's statements. When a run is killed, PostgreSQL keeps that session, and so the lock, until the
 * statement it was running has ended: the next run waits for it rather than run it again. It is taken
 * with a polled {@code pg_try_advisory_lock}, never a transaction-scoped lock, so a
 * {@code CREATE INDEX CONCURRENTLY} of the run never waits on a transaction of ours.
 */
public final class SchemaLock implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    private final Connection connection;
    private final long key;
    private final String schema;
    private boolean held;

    public SchemaLock(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
        this.key = keyFor(schema);
    }

    /** A stable 64-bit key: the first eight bytes of SHA-256("dev.dbmigrations:" + schema). */
    public static long keyFor(String schema) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("dev.dbmigrations:" + schema).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xFF);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void acquire(Duration timeout, MigrationsListener listener) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try {
            while (true) {
                if (tryLock()) {
                    held = true;
                    if (told) {
                        listener.info("Lock on schema " + schema + " acquired");
                    }
                    return;
                }
                if (!told) {
                    Holder h = holder();
                    listener.info("Waiting for the lock on schema " + schema + ", held by " + h.text()
                            + " (up to " + timeout.toSeconds() + " s)" + (h.ours() ? ": a run that was killed keeps its"
                            + " server session until the statement it was running ends, and this run waits for that"
                            + " rather than run any statement twice" : ""));
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    Holder h = holder();
                    throw new MigrationsException("Timed out after " + timeout.toSeconds() + " s waiting for the lock"
                            + " on schema " + schema + ", held by " + h.text() + " (fix: wait for that run to end and"
                            + " run again, or raise migrations.lockTimeout" + (h.pid() > 0 ? "; if that run's client is"
                            + " gone and its statement must not finish, cancel it with select pg_cancel_backend("
                            + h.pid() + ") and run again: the statement is rolled back or resumed, never run twice" : "")
                            + ")");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            throw new MigrationsException("Cannot take the advisory lock on schema " + schema + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationsException("Interrupted while waiting for the lock on schema " + schema);
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Who holds the lock; {@code ours}: a session of this tool (its application name says so). */
    record Holder(int pid, String text, boolean ours) {
    }

    /** Who holds the lock: backend pid, user, application, since when, and what it is doing now. */
    Holder holder() {
        String sql = "select a.pid, a.usename, a.application_name, a.client_addr, a.backend_start, a.state,"
                + " extract(epoch from now() - a.state_change)::bigint, left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120)"
                + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1"
                + " and l.classid::bigint = ? and l.objid::bigint = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String app = rs.getString(3);
                    String state = rs.getString(6);
                    String doing = "active".equals(state) ? ", running for " + rs.getLong(7) + " s: " + rs.getString(8)
                            : state == null ? "" : ", " + state;
                    return new Holder(rs.getInt(1), "backend pid " + rs.getInt(1) + " (user " + rs.getString(2)
                            + ", application '" + app + "', client " + rs.getString(4) + ", connected since "
                            + rs.getTimestamp(5) + doing + ")", app != null && app.startsWith("dbmigrations "));
                }
            }
        } catch (SQLException e) {
            return new Holder(0, "another session (" + e.getMessage() + ")", false);
        }
        return new Holder(0, "another session", false);
    }

    @Override
    public void close() {
        if (held) {
            try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            } catch (SQLException ignored) {
                // the lock goes with the session when the connection closes
            }
            held = false;
        }
    }
}
