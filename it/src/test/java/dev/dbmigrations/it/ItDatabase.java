package dev.dbmigrations.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared by the Invoker cases' prebuild.groovy and verify.groovy: each case gets a fresh database
 * on the server of {@code MIGRATIONS_TEST_JDBC_URL}, passed to its build through test.properties as
 * {@code migrations.url}, and the verify script queries it.
 */
public final class ItDatabase {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(\\?.*)?$");

    private final String url;

    private ItDatabase(String url) {
        this.url = url;
    }

    /** Where a container started for this build says it is: a JVM-wide property, as each hook script may get its own class loader. */
    private static final String STARTED = "dbmigrations.it.containerUrl";
    private static final java.util.List<Object> CONTAINERS = new java.util.ArrayList<>();

    /**
     * The server of the cases: {@code MIGRATIONS_TEST_JDBC_URL}, or else, as the engine's tests do, a
     * Testcontainers PostgreSQL started once for the whole Invoker run when Docker is there (Testcontainers
     * removes it when the run's JVM ends).
     */
    static synchronized String baseUrl() {
        String env = System.getenv("MIGRATIONS_TEST_JDBC_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String started = System.getProperty(STARTED);
        if (started != null) {
            return started;
        }
        if (dockerAvailable()) {
            org.testcontainers.containers.PostgreSQLContainer<?> c =
                    new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine");
            c.start();
            CONTAINERS.add(c);
            String url = c.getJdbcUrl() + (c.getJdbcUrl().contains("?") ? "&" : "?") + "user=" + c.getUsername()
                    + "&password=" + c.getPassword();
            System.setProperty(STARTED, url);
            return url;
        }
        throw new IllegalStateException("The Invoker tests need PostgreSQL: set MIGRATIONS_TEST_JDBC_URL, e.g."
                + " jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres (bash .ci/run does), or start Docker so"
                + " that Testcontainers can run one");
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    static String databaseName(File basedir) {
        return "it_" + basedir.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** Drops and creates the case's database and writes test.properties with its URL. */
    public static ItDatabase prepare(File basedir) throws SQLException, IOException {
        return prepare(basedir, java.util.Map.of());
    }

    /** As {@link #prepare(File)}, with more system properties for the case's builds. */
    public static ItDatabase prepare(File basedir, java.util.Map<String, String> extra) throws SQLException, IOException {
        String name = databaseName(basedir);
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement st = c.createStatement()) {
            st.execute("drop database if exists \"" + name + "\" with (force)");
            st.execute("create database \"" + name + "\"");
        }
        ItDatabase db = new ItDatabase(withDatabase(name));
        Properties props = new Properties();
        File file = new File(basedir, "test.properties");
        if (file.exists()) {
            try (var in = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
                props.load(in);
            }
        }
        props.setProperty("migrations.url", db.url);
        extra.forEach(props::setProperty);
        try (var out = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
            props.store(out, "written by prebuild.groovy");
        }
        return db;
    }

    /**
     * For a case's selector.groovy: whether pg_dump on the PATH is of the server's major version or
     * newer (an older one refuses a newer server). When it is not, says why the case is skipped.
     */
    public static boolean pgDumpUsable() throws SQLException, IOException, InterruptedException {
        int server;
        try (Connection c = DriverManager.getConnection(baseUrl())) {
            server = c.getMetaData().getDatabaseMajorVersion();
        }
        Process p;
        try {
            p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("[selector] skipped: pg_dump is not on the PATH (Debian: apt-get install postgresql-client)");
            return false;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        java.util.regex.Matcher v = Pattern.compile("(\\d+)").matcher(out);
        int major = v.find() ? Integer.parseInt(v.group(1)) : 0;
        if (major < server) {
            System.out.println("[selector] skipped: pg_dump " + major + " is older than the server (" + server + ")");
            return false;
        }
        return true;
    }

    /** The case's database, for verify.groovy. */
    public static ItDatabase of(File basedir) {
        return new ItDatabase(withDatabase(databaseName(basedir)));
    }

    private static String withDatabase(String name) {
        Matcher m = URL.matcher(baseUrl());
        if (!m.matches()) {
            throw new IllegalStateException("MIGRATIONS_TEST_JDBC_URL must look like jdbc:postgresql://host:port/db[?params]");
        }
        return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    public String url() {
        return url;
    }

    /** Another database on the same server, made empty now: a second target for a case. */
    public ItDatabase sibling(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement st = c.createStatement()) {
            st.execute("drop database if exists \"" + name + "\" with (force)");
            st.execute("create database \"" + name + "\"");
        }
        return new ItDatabase(withDatabase(name));
    }

    /** Another database on the same server as it is, for verify.groovy to query a sibling prebuild.groovy made. */
    public ItDatabase named(String name) {
        return new ItDatabase(withDatabase(name));
    }

    /** Runs {@code sql} (statements separated by ';') on this database. */
    public void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Drops this database (a sibling a case made). */
    public void drop() throws SQLException {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("not a database URL: " + url);
        }
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement st = c.createStatement()) {
            st.execute("drop database if exists \"" + m.group(2) + "\" with (force)");
        }
    }

    /** Rows of a query, each as a list of strings. */
    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The first column of the first row, or "none". */
    public String value(String sql) throws SQLException {
        List<List<String>> r = rows(sql);
        return r.isEmpty() ? "none" : r.get(0).get(0);
    }

    /** Fails with {@code message} and both values when they differ. */
    public static void expect(Object expected, Object actual, String message) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            throw new AssertionError(message + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    /** Fails when {@code condition} is false. */
    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
