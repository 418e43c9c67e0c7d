package dev.dbmigrations.engine.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the database tests use: the JDBC URL in {@code MIGRATIONS_TEST_JDBC_URL}
 * when it is set, else a Testcontainers PostgreSQL when Docker is available, else the tests fail
 * with a message naming both ways. Every test gets a fresh database of its own.
 */
public final class PostgresServer {

    public static final String ENV = "MIGRATIONS_TEST_JDBC_URL";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?$");
    private static volatile String baseUrl;
    private static PostgreSQLContainer<?> container;

    private PostgresServer() {
    }

    static synchronized String baseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            baseUrl = env;
        } else if (dockerAvailable()) {
            container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            baseUrl = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + container.getUsername() + "&password=" + container.getPassword();
        } else {
            throw new IllegalStateException("Database tests need PostgreSQL: set " + ENV
                    + "=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres (a server you can create databases on),"
                    + " or start Docker so that Testcontainers can run one");
        }
        return baseUrl;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public static String createDatabase(String hint) {
        String name = ("t_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8));
        if (name.length() > 60) {
            name = name.substring(0, 50) + name.substring(name.length() - 9);
        }
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement st = c.createStatement()) {
            st.execute("create database \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return withDatabase(baseUrl(), name);
    }

    public static void dropDatabase(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement st = c.createStatement()) {
            st.execute("drop database if exists \"" + m.group(2) + "\" with (force)");
        } catch (SQLException e) {
            // left for the next cleanup; tests never reuse a name
        }
    }

    static String withDatabase(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException(ENV + " must look like jdbc:postgresql://host:port/database[?params], got "
                    + url.replaceAll("(?i)password=[^&]*", "password=****"));
        }
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * Why the backup tests cannot run here, or null when they can: pg_dump and pg_restore must be on
     * the PATH and of the server's major version or newer (an older pg_dump refuses a newer server).
     */
    public static String pgDumpProblem() {
        int server;
        try (Connection c = DriverManager.getConnection(baseUrl())) {
            server = c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            return "cannot ask the server its version: " + e.getMessage();
        }
        for (String tool : new String[] {"pg_dump", "pg_restore"}) {
            String out;
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                p.waitFor();
            } catch (java.io.IOException e) {
                return tool + " is not on the PATH (Debian: apt-get install postgresql-client)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            Matcher v = Pattern.compile("(\\d+)(\\.\\d+)?").matcher(out);
            if (!v.find()) {
                return tool + " --version said: " + out.strip();
            }
            int major = Integer.parseInt(v.group(1));
            if (major < server) {
                return tool + " " + major + " is older than the server (" + server + "); install postgresql-client-"
                        + server + " or newer";
            }
        }
        return null;
    }
}
