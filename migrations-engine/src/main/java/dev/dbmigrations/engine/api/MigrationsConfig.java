package dev.dbmigrations.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a command needs, immutable. Build it with {@link #builder()}; the setters document the
 * defaults. {@link #toString()} masks the password.
 */
public final class MigrationsConfig {

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    static final Pattern TABLE = Pattern.compile("^([a-z_][a-z0-9_]*\\.)?[a-z_][a-z0-9_]*$");

    private final String url;
    private final String user;
    private final String password;
    private final String service;
    private final String schema;
    private final Path dir;
    private final String environment;
    private final String table;
    private final Duration lockTimeout;
    private final Duration statementLockTimeout;
    private final Duration statementTimeout;
    private final boolean dryRun;
    private final boolean outOfOrder;
    private final boolean cascade;
    private final String appliedBy;
    private final MigrationsListener listener;
    private final Path backupDir;
    private final String pgBin;
    private final String approvedBy;
    private final java.util.Set<Long> approved;
    private final String outsideWindow;
    private final Path metricsDir;
    private final String pushgateway;
    private final String target;

    private MigrationsConfig(Builder b) {
        this.url = Objects.requireNonNull(b.url, "url");
        this.user = b.user;
        this.password = b.password;
        this.service = Objects.requireNonNull(b.service, "service");
        this.schema = b.schema != null && !b.schema.isBlank() ? b.schema : schemaFor(b.service);
        this.dir = Objects.requireNonNull(b.dir, "dir");
        this.environment = b.environment == null || b.environment.isBlank() ? "development" : b.environment;
        this.table = b.table == null || b.table.isBlank() ? this.schema + "_schema_migrations" : b.table;
        this.lockTimeout = b.lockTimeout;
        this.statementLockTimeout = b.statementLockTimeout;
        this.statementTimeout = b.statementTimeout;
        this.dryRun = b.dryRun;
        this.outOfOrder = b.outOfOrder != null ? b.outOfOrder : "development".equals(this.environment);
        this.cascade = b.cascade;
        this.appliedBy = b.appliedBy != null ? b.appliedBy : System.getProperty("user.name", "unknown");
        this.listener = b.listener != null ? b.listener : MigrationsListener.SILENT;
        this.backupDir = b.backupDir != null ? b.backupDir
                : this.dir.toAbsolutePath().normalize().resolveSibling("target").resolve("migrations").resolve("backups");
        this.pgBin = b.pgBin == null || b.pgBin.isBlank() ? null : b.pgBin;
        this.approvedBy = b.approvedBy == null || b.approvedBy.isBlank() ? null : b.approvedBy;
        this.approved = java.util.Set.copyOf(b.approved);
        this.outsideWindow = b.outsideWindow == null || b.outsideWindow.isBlank() ? null : b.outsideWindow;
        this.metricsDir = b.metricsDir;
        this.pushgateway = b.pushgateway == null || b.pushgateway.isBlank() ? null : b.pushgateway;
        this.target = b.target == null || b.target.isBlank() ? null : b.target;
        validate();
    }

    private void validate() {
        String mapped = service.replace('-', '_');
        if (!NAME.matcher(mapped).matches()) {
            throw new IllegalArgumentException("Service name '" + service + "' is not valid: after '-' becomes '_' it"
                    + " must match ^[a-z][a-z0-9_]*$ (fix: set migrations.service to e.g. 'user-service')");
        }
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("Schema name '" + schema + "' is not valid: it must match"
                    + " ^[a-z][a-z0-9_]*$ (fix: set migrations.schema to e.g. 'user_service')");
        }
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Tracking table '" + table + "' is not valid: it must be a lower-case"
                    + " name, optionally schema-qualified (fix: set migrations.table to e.g. 'public.schema_migrations')");
        }
        if (!NAME.matcher(environment).matches()) {
            throw new IllegalArgumentException("Environment '" + environment + "' is not valid: it must match"
                    + " ^[a-z][a-z0-9_]*$ (fix: set migrations.environment to development, staging or production)");
        }
        if (pushgateway != null && !pushgateway.matches("https?://\\S+")) {
            throw new IllegalArgumentException("Pushgateway '" + pushgateway + "' is not an http(s) URL"
                    + " (fix: set migrations.pushgateway to e.g. http://pushgateway:9091)");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("JDBC URL " + Secrets.maskUrl(url) + " is not a PostgreSQL URL"
                    + " (fix: set migrations.url to e.g. jdbc:postgresql://localhost:5432/postgres)");
        }
    }

    /** The schema a service owns: its name with '-' turned into '_'. */
    public static String schemaFor(String service) {
        return service.replace('-', '_');
    }

    public static Builder builder() {
        return new Builder();
    }

    public String url() { return url; }
    public String user() { return user; }
    public String password() { return password; }
    public String service() { return service; }
    public String schema() { return schema; }
    public Path dir() { return dir; }
    public String environment() { return environment; }
    /** golang-migrate's tracking table, possibly schema-qualified. */
    public String table() { return table; }
    public Duration lockTimeout() { return lockTimeout; }
    public Duration statementLockTimeout() { return statementLockTimeout; }
    public Duration statementTimeout() { return statementTimeout; }
    public boolean dryRun() { return dryRun; }
    public boolean outOfOrder() { return outOfOrder; }
    /** Down also rolls back the applied migrations that require the ones rolled back. */
    public boolean cascade() { return cascade; }
    public String appliedBy() { return appliedBy; }
    public MigrationsListener listener() { return listener; }
    /** Where backups go when no file is named; default {@code target/migrations/backups} next to the migrations folder. */
    public Path backupDir() { return backupDir; }
    /** The folder holding pg_dump and pg_restore, or null for the PATH. */
    public String pgBin() { return pgBin; }
    /** Who approved the risky migrations of this run, or null. */
    public String approvedBy() { return approvedBy; }
    /** The versions {@link #approvedBy()} approved. */
    public java.util.Set<Long> approved() { return approved; }
    /** Why this run may go outside the environment's maintenance windows, or null. */
    public String outsideWindow() { return outsideWindow; }

    /** Where a run that changes the database writes its Prometheus metrics file, or null for nowhere. */
    public Path metricsDir() { return metricsDir; }
    /** The Pushgateway a run pushes its metrics to, overriding environments.json's {@code pushgateway}; or null. */
    public String pushgateway() { return pushgateway; }
    /**
     * The name of the fleet target this run is (docs/fleet.md), or null for a run of one database: it
     * labels the run's metrics and alerts and keeps its backups in a folder of their own.
     */
    public String target() { return target; }

    /** The URL with any password in it masked, safe to print. */
    public String maskedUrl() {
        return Secrets.maskUrl(url);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url; b.user = user; b.password = password; b.service = service; b.schema = schema; b.dir = dir;
        b.environment = environment; b.table = table; b.lockTimeout = lockTimeout;
        b.statementLockTimeout = statementLockTimeout; b.statementTimeout = statementTimeout; b.dryRun = dryRun;
        b.outOfOrder = outOfOrder; b.cascade = cascade; b.appliedBy = appliedBy; b.listener = listener;
        b.backupDir = backupDir; b.pgBin = pgBin; b.approvedBy = approvedBy; b.approved = approved;
        b.outsideWindow = outsideWindow; b.metricsDir = metricsDir; b.pushgateway = pushgateway;
        b.target = target;
        return b;
    }

    @Override
    public String toString() {
        return "MigrationsConfig[url=" + maskedUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "****")
                + ", service=" + service + ", schema=" + schema + ", dir=" + dir + ", environment=" + environment
                + ", table=" + table + ", lockTimeout=" + lockTimeout + ", dryRun=" + dryRun + "]";
    }

    /** Fluent builder; each setter says its default. */
    public static final class Builder {
        private String url = "jdbc:postgresql://localhost:5432/postgres";
        private String user;
        private String password;
        private String service;
        private String schema;
        private Path dir;
        private String environment;
        private String table;
        private Duration lockTimeout = Duration.ofMinutes(5);
        private Duration statementLockTimeout;
        private Duration statementTimeout;
        private boolean dryRun;
        private Boolean outOfOrder;
        private boolean cascade;
        private String appliedBy;
        private MigrationsListener listener;
        private Path backupDir;
        private String pgBin;
        private String approvedBy;
        private java.util.Set<Long> approved = java.util.Set.of();
        private String outsideWindow;
        private Path metricsDir;
        private String pushgateway;
        private String target;

        /** JDBC URL; default {@code jdbc:postgresql://localhost:5432/postgres}. */
        public Builder url(String url) { if (url != null && !url.isBlank()) this.url = url; return this; }
        /** Database user; default none (the driver's default). */
        public Builder user(String user) { this.user = user; return this; }
        /** Database password; default none. Never printed. */
        public Builder password(String password) { this.password = password; return this; }
        /** Service name, required (the Maven artifactId in the plugin). */
        public Builder service(String service) { this.service = service; return this; }
        /** Schema; default the service name with '-' turned into '_'. */
        public Builder schema(String schema) { this.schema = schema; return this; }
        /** The migrations folder, required. */
        public Builder dir(Path dir) { this.dir = dir; return this; }
        /** Environment; default {@code development}. */
        public Builder environment(String environment) { this.environment = environment; return this; }
        /** golang-migrate's table; default {@code <schema>_schema_migrations} in the service schema. */
        public Builder table(String table) { this.table = table; return this; }
        /** How long to wait for another run's lock; default 5 minutes. */
        public Builder lockTimeout(Duration lockTimeout) { if (lockTimeout != null) this.lockTimeout = lockTimeout; return this; }
        /** PostgreSQL {@code lock_timeout} for migration statements; default none (the server's). */
        public Builder statementLockTimeout(Duration d) { this.statementLockTimeout = d; return this; }
        /** PostgreSQL {@code statement_timeout} for migration statements; default none (the server's). */
        public Builder statementTimeout(Duration d) { this.statementTimeout = d; return this; }
        /** Print the plan and the SQL, change nothing; default false. */
        public Builder dryRun(boolean dryRun) { this.dryRun = dryRun; return this; }
        /** Apply pending migrations older than the newest applied one; default true in development, else false. */
        public Builder outOfOrder(Boolean outOfOrder) { this.outOfOrder = outOfOrder; return this; }
        /** Down rolls back dependants too, newest first; default false (down refuses and names them). */
        public Builder cascade(boolean cascade) { this.cascade = cascade; return this; }
        /** Who runs, recorded in the history; default the OS user. */
        public Builder appliedBy(String appliedBy) { this.appliedBy = appliedBy; return this; }
        /** Progress listener; default silent. */
        public Builder listener(MigrationsListener listener) { this.listener = listener; return this; }

        /** Where backups go when no file is named; default {@code target/migrations/backups} beside the migrations folder. */
        public Builder backupDir(Path backupDir) { this.backupDir = backupDir; return this; }

        /** The folder holding pg_dump and pg_restore (their major version at least the server's); default the PATH. */
        public Builder pgBin(String pgBin) { this.pgBin = pgBin; return this; }

        /** Who reviewed and approved the migrations of {@link #approved}; recorded in the history. */
        public Builder approvedBy(String approvedBy) { this.approvedBy = approvedBy; return this; }

        /** The versions approved for this run (environments.json {@code approval}). */
        public Builder approved(java.util.Set<Long> approved) { this.approved = approved == null ? java.util.Set.of() : approved; return this; }

        /** Why this run may go outside the maintenance windows (an emergency); recorded in the history. */
        public Builder outsideWindow(String reason) { this.outsideWindow = reason; return this; }

        /**
         * Where up, down and goto write {@code dbmigrations_<schema>.prom} (Prometheus' text format, for a
         * node exporter's textfile collector); default none (the plugin's default is {@code target/migrations}).
         */
        public Builder metricsDir(Path metricsDir) { this.metricsDir = metricsDir; return this; }

        /** A Pushgateway to push each run's metrics to; default environments.json's {@code pushgateway}, else none. */
        public Builder pushgateway(String url) { this.pushgateway = url; return this; }
        /** The fleet target this run is; default none (a run of one database). */
        public Builder target(String target) { this.target = target; return this; }

        public MigrationsConfig build() {
            return new MigrationsConfig(this);
        }
    }
}
