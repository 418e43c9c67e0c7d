package dev.dbmigrations.engine.db;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * More PostgreSQL servers for the fleet tests: clusters of the installed version on loopback ports,
 * made with Debian's {@code pg_createcluster} the first time (trust authentication, as the main one)
 * and started with {@code pg_ctlcluster}. Where those tools are missing the tests are skipped, unless
 * {@code MIGRATIONS_TEST_REQUIRE_CLUSTERS} is set (CI sets it), when they fail.
 */
public final class ExtraClusters {

    public static final String REQUIRE = "MIGRATIONS_TEST_REQUIRE_CLUSTERS";

    private ExtraClusters() {
    }

    /** The JDBC URL of database {@code postgres} on cluster {@code name} at {@code port}, created and started as needed. */
    public static synchronized String server(String name, int port) {
        String version = version();
        if (!Files.isDirectory(Path.of("/etc/postgresql", version, name))) {
            run("pg_createcluster", version, name, "-p", String.valueOf(port), "--", "--auth=trust");
        }
        start(name);
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** A new empty database on the server of {@code serverUrl}. */
    public static String createDatabase(String serverUrl, String hint) {
        String db = "f_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute("create database \"" + db + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + db + ": " + e.getMessage(), e);
        }
        return PostgresServer.withDatabase(serverUrl, db);
    }

    /** Drops a database {@link #createDatabase} made; a server that is down keeps it for the next cleanup. */
    public static void dropDatabase(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?$").matcher(url);
        if (!m.matches()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3)));
             Statement st = c.createStatement()) {
            st.execute("drop database if exists \"" + m.group(2) + "\" with (force)");
        } catch (SQLException e) {
            // left behind: names are never reused
        }
    }

    public static void start(String name) {
        String status = run("pg_lsclusters", "-h");
        for (String line : status.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[1].equals(name) && f[3].equals("online")) {
                return;
            }
        }
        run("pg_ctlcluster", "--skip-systemctl-redirect", version(), name, "start");
    }

    /** Stops the server at once, its sessions cut as a crash would cut them. */
    public static void stop(String name) {
        run("pg_ctlcluster", "--skip-systemctl-redirect", version(), name, "stop", "-m", "immediate");
    }

    private static String version() {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            List<String> versions = dirs.filter(p -> Files.isExecutable(p.resolve("bin/postgres")))
                    .map(p -> p.getFileName().toString()).sorted(Comparator.comparingInt(Integer::parseInt)).toList();
            if (versions.isEmpty()) {
                throw new IOException("no server under /usr/lib/postgresql");
            }
            return versions.get(versions.size() - 1);
        } catch (IOException | RuntimeException e) {
            unavailable("no PostgreSQL server installed the Debian way (" + e.getMessage() + ")");
            return null;
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            unavailable(command[0] + " cannot run: " + e.getMessage());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void unavailable(String why) {
        String message = "Fleet tests need more PostgreSQL servers (Debian's postgresql-common, run as root): " + why;
        if (System.getenv(REQUIRE) != null) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
    }
}
