package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.Secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Opens connections for a config; every error message is scrubbed of the password. */
public final class Database {

    private final MigrationsConfig config;

    /** The driver's classes a connection and its first queries need, loaded ahead by {@link #warmUp()}. */
    private static final String[] DRIVER_CLASSES = {"org.postgresql.Driver", "org.postgresql.jdbc.PgConnection",
        "org.postgresql.core.v3.ConnectionFactoryImpl", "org.postgresql.core.v3.QueryExecutorImpl",
        "org.postgresql.core.PGStream", "org.postgresql.core.Parser", "org.postgresql.jdbc.PgPreparedStatement",
        "org.postgresql.jdbc.PgResultSet", "org.postgresql.jdbc.TypeInfoCache", "org.postgresql.jdbc.TimestampUtils",
        "org.postgresql.hostchooser.GlobalHostStatusTracker", "org.postgresql.core.v3.SimpleParameterList"};
    private static volatile boolean warming;

    /**
     * Starts loading the driver's classes on a thread of its own, so that a run's first connection
     * does not wait for them (some 150 classes, a good part of a deploy with nothing to do on a cold
     * JVM); the caller goes on at once. A class that cannot be loaded is left to the connection to report.
     */
    public static void warmUp() {
        if (warming) {
            return;
        }
        warming = true;
        ClassLoader loader = Database.class.getClassLoader();
        Thread t = new Thread(() -> {
            for (String name : DRIVER_CLASSES) {
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    return;
                }
            }
        }, "dbmigrations-driver-warm-up");
        t.setDaemon(true);
        t.start();
    }

    public Database(MigrationsConfig config) {
        this.config = config;
    }

    public Connection connect(String purpose) {
        Properties props = new Properties();
        if (config.user() != null && !config.user().isBlank()) {
            props.setProperty("user", config.user());
        }
        if (config.password() != null && !config.password().isEmpty()) {
            props.setProperty("password", config.password());
        }
        props.setProperty("ApplicationName", "dbmigrations " + config.service() + " " + purpose);
        try {
            return DriverManager.getConnection(config.url(), props);
        } catch (SQLException e) {
            throw new MigrationsException("Cannot connect to " + config.maskedUrl()
                    + (config.user() != null ? " as " + config.user() : "") + ": "
                    + Secrets.scrub(e.getMessage(), config.password())
                    + " (fix: check migrations.url, migrations.user and the password or migrations.serverId,"
                    + " and that PostgreSQL is running)", Secrets.scrubbed(e, config.password()));
        }
    }

    /**
     * Starts opening a connection on a thread of its own, so that loading the driver and logging in
     * overlap with reading the folder. Take it with {@link Pending#take()}; closing a {@code Pending}
     * that was not taken does not wait: the connection is closed as soon as it is open.
     */
    public Pending connectInBackground(String purpose) {
        CompletableFuture<Connection> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(connect(purpose));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "dbmigrations-connect");
        t.setDaemon(true);
        t.start();
        return new Pending(future);
    }

    /** A connection being opened; see {@link #connectInBackground}. */
    public static final class Pending implements AutoCloseable {
        private final CompletableFuture<Connection> future;
        private boolean taken;

        private Pending(CompletableFuture<Connection> future) {
            this.future = future;
        }

        /** The connection, once open; the caller closes it. Throws what connecting threw. */
        public Connection take() {
            taken = true;
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }

        @Override
        public void close() {
            if (taken) {
                return;
            }
            // never waits: a connection still being opened is closed by the thread that opens it
            future.thenAccept(c -> {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // not taken: nobody needs the connection
                }
            });
        }
    }

    public MigrationsException failure(String what, SQLException e) {
        return new MigrationsException(what + " on " + config.maskedUrl() + ": SQLSTATE " + e.getSQLState() + " "
                + Secrets.scrub(e.getMessage(), config.password()), Secrets.scrubbed(e, config.password()));
    }
}
