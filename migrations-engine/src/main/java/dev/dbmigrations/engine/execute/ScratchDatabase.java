package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database that {@code migrations:verify} may fill and empty, never the configured target: the
 * {@code devUrl} given (an empty database the tool may use and clean), or else a temporary database
 * created on the configured server, named {@code dbmigrations_verify_<epoch seconds>_<random>} and
 * dropped when closed, on failure and on Ctrl-C too (a shutdown hook); a database of that prefix left
 * by a run that was killed is dropped by the next run once nobody is connected to it.
 */
public final class ScratchDatabase implements AutoCloseable {

    public static final String PREFIX = "dbmigrations_verify_";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    /** A leftover younger than this may belong to a run that is still starting: it is left alone. */
    private static final long LEFTOVER_SECONDS = 60;

    private final MigrationsConfig target;
    private final String url;
    private final String created;
    private final Thread hook;

    private ScratchDatabase(MigrationsConfig target, String url, String created) {
        this.target = target;
        this.url = url;
        this.created = created;
        this.hook = created == null ? null : new Thread(this::drop, "dbmigrations-verify-cleanup");
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * The scratch database for {@code target}'s server: {@code devUrl} when given, else a new temporary
     * database there (after dropping the leftovers of killed runs). {@code purpose} starts the log line
     * that says which it is ("Verifying", "Replaying the applied migrations").
     */
    public static ScratchDatabase open(MigrationsConfig target, String devUrl, MigrationsListener listener, String purpose) {
        if (devUrl != null && !devUrl.isBlank()) {
            if (sameDatabase(devUrl, target.url())) {
                throw new MigrationsException("migrations.devUrl names the target database " + Secrets.maskUrl(devUrl)
                        + " (fix: give verify an empty database of its own; it may drop everything in it)");
            }
            listener.info(purpose + " on " + Secrets.maskUrl(devUrl) + " (migrations.devUrl)");
            return new ScratchDatabase(target, devUrl, null);
        }
        Matcher m = URL.matcher(target.url());
        if (!m.matches()) {
            throw new MigrationsException("Cannot tell the server of " + target.maskedUrl() + " (fix: pass"
                    + " -Dmigrations.devUrl=jdbc:postgresql://host:port/empty_database)");
        }
        String name = PREFIX + (System.currentTimeMillis() / 1000) + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = new Database(target).connect("verify"); Statement st = c.createStatement()) {
            for (String leftover : leftovers(c)) {
                st.execute("drop database if exists " + Sql.ident(leftover) + " with (force)");
                listener.info("Dropped " + leftover + ", left by a verify run that did not end");
            }
            st.execute("create database " + Sql.ident(name));
        } catch (SQLException e) {
            throw new MigrationsException("Cannot create a scratch database on " + target.maskedUrl() + ": SQLSTATE "
                    + e.getSQLState() + " " + Secrets.scrub(e.getMessage(), target.password()) + " (fix: let "
                    + (target.user() == null ? "the user" : target.user()) + " create databases, or pass"
                    + " -Dmigrations.devUrl=<an empty database verify may use>)", Secrets.scrubbed(e, target.password()));
        }
        String scratch = m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
        listener.info(purpose + " on the temporary database " + name + " (dropped at the end)");
        return new ScratchDatabase(target, scratch, name);
    }

    /** Databases of the prefix, older than a minute, that nobody is connected to. */
    private static List<String> leftovers(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        try (PreparedStatement ps = c.prepareStatement("select d.datname from pg_database d where d.datname like ?"
                + " and not exists (select 1 from pg_stat_activity a where a.datid = d.oid)")) {
            ps.setString(1, PREFIX.replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String n = rs.getString(1);
                    String[] parts = n.substring(PREFIX.length()).split("_");
                    try {
                        if (now - Long.parseLong(parts[0]) > LEFTOVER_SECONDS) {
                            out.add(n);
                        }
                    } catch (NumberFormatException e) {
                        // not one of ours after all
                    }
                }
            }
        }
        return out;
    }

    private static boolean sameDatabase(String a, String b) {
        Matcher ma = URL.matcher(a);
        Matcher mb = URL.matcher(b);
        return ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1)) && ma.group(2).equals(mb.group(2));
    }

    /** The scratch database's JDBC URL (the target's parameters, another database). */
    public String url() {
        return url;
    }

    /** The name to print: the temporary database, or the devUrl masked. */
    public String describe() {
        return created != null ? created + " (temporary, on " + target.maskedUrl() + ")" : Secrets.maskUrl(url);
    }

    /** Whether the database is the tool's own temporary one (else a devUrl, to be emptied, not dropped). */
    public boolean temporary() {
        return created != null;
    }

    private synchronized void drop() {
        if (created == null) {
            return;
        }
        try (Connection c = new Database(target).connect("verify"); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + Sql.ident(created) + " with (force)");
        } catch (SQLException | RuntimeException e) {
            // the next run drops it as a leftover
        }
    }

    @Override
    public void close() {
        drop();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway
            }
        }
    }
}
