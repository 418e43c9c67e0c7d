package dev.dbmigrations.maven;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.Durations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Secrets;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.util.List;

/** The parameters every database goal shares (docs/api-reference.md), mapped onto the engine's config. */
public abstract class AbstractMigrationsMojo extends AbstractMojo {

    /** JDBC URL of the shared database. A {@code password=} in it is masked in every message. */
    @Parameter(property = "migrations.url", defaultValue = "jdbc:postgresql://localhost:5432/postgres")
    protected String url;

    /** Database user; default the driver's; overridden by the settings.xml server of {@code serverId}. */
    @Parameter(property = "migrations.user")
    protected String user;

    /** Database password; default the MIGRATIONS_PASSWORD environment variable; prefer {@code serverId}. Never logged. */
    @Parameter(property = "migrations.password")
    protected String password;

    /** Id of a {@code <server>} in settings.xml: its username and password (encrypted ones too) win over user and password. */
    @Parameter(property = "migrations.serverId")
    protected String serverId;

    /** Service name; must match {@code ^[a-z][a-z0-9_]*$} once '-' is '_', which also gives its schema. */
    @Parameter(property = "migrations.service", defaultValue = "${project.artifactId}")
    protected String service;

    /** The schema the service owns; default the service name with '-' as '_'. */
    @Parameter(property = "migrations.schema")
    protected String schema;

    /** The migrations folder. */
    @Parameter(property = "migrations.dir", defaultValue = "${project.basedir}/migrations")
    protected File dir;

    /** The environment: picks its subfolder of migrations (applied with the common files) and its policy in environments.json. */
    @Parameter(property = "migrations.environment", defaultValue = "development")
    protected String environment;

    /** golang-migrate's tracking table; default {@code <schema>_schema_migrations}, e.g. {@code public.schema_migrations}. */
    @Parameter(property = "migrations.table")
    protected String table;

    /** How long to wait for another run's lock on the schema: 500ms, 30s, 5min, 1h, or an ISO-8601 duration such as PT5S. */
    @Parameter(property = "migrations.lockTimeout", defaultValue = "5min")
    protected String lockTimeout;

    /**
     * Where backups go (migrations:backup without a file, and those the environment's backup policy takes
     * before up and down): by default in the user's home, where mvn clean does not reach them.
     */
    @Parameter(property = "migrations.backupDir", defaultValue = "${user.home}/.dbmigrations/backups")
    protected File backupDir;

    /** The folder holding pg_dump and pg_restore, of the server's major version or newer; default the PATH. */
    @Parameter(property = "migrations.pgBin")
    protected String pgBin;

    /** Who reviewed the migrations of {@code migrations.approve}, for environments whose policy asks for approval. */
    @Parameter(property = "migrations.approvedBy")
    protected String approvedBy;

    /** Versions approved for this run, comma separated (e.g. 7,8), for environments whose policy asks for approval. */
    @Parameter(property = "migrations.approve")
    protected String approve;

    /** Why this run may go outside the environment's maintenance windows (an emergency); recorded in the history. */
    @Parameter(property = "migrations.outsideWindow")
    protected String outsideWindow;

    /**
     * Where up, down and goto write their Prometheus metrics, dbmigrations_&lt;schema&gt;.prom (point a node
     * exporter's textfile collector here).
     */
    @Parameter(property = "migrations.metricsDir", defaultValue = "${project.build.directory}/migrations")
    protected File metricsDir;

    /** A Pushgateway that up, down and goto push their metrics to; overrides environments.json's pushgateway. */
    @Parameter(property = "migrations.pushgateway")
    protected String pushgateway;

    /**
     * In an environment whose runs reach a fleet (environments.json {@code targets}): the targets to work
     * on, comma separated, as {@code migrations:targets} names them; goals that work on one database
     * (force, seed, backup, ...) need exactly one.
     */
    @Parameter(property = "migrations.select")
    protected String select;

    /** Skip the goal (logged). */
    @Parameter(property = "migrations.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Component
    protected SettingsDecrypter decrypter;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected org.apache.maven.execution.MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected org.apache.maven.project.MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping migrations:" + goal() + " (migrations.skip is true)");
            return;
        }
        if (usesTargetDatabase()) {
            // the driver loads while the goal reads its parameters, policy and folder
            Migrations.warmUp();
        }
        if (reactorGoal() && session != null && ReactorMode.handledAtRoot(session, project)) {
            getLog().info("migrations:" + goal() + " for " + service + " ran with the whole reactor at "
                    + session.getTopLevelProject().getArtifactId());
            return;
        }
        if (reactorGoal() && session != null && ReactorMode.isRoot(session, project)) {
            runReactor();
            return;
        }
        if (needsFolder() && !dir.isDirectory()) {
            if (Folders.mayStay(session, project, dir, changesDatabase())) {
                Folders.skipOnce(session, project, dir, getLog());
                return;
            }
            throw new MojoFailureException(Folders.missing(project, dir, goal()));
        }
        MigrationsConfig config;
        try {
            config = configure(MigrationsConfig.builder()).build();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        try {
            if (usesTargetDatabase() && dev.dbmigrations.engine.Fleet.isFleet(config)) {
                dev.dbmigrations.engine.Fleet fleet = new dev.dbmigrations.engine.Fleet(config, logins(), selectedTargets());
                if (fleetGoal() && !config.dryRun()) {
                    clearFleetReport(config);
                    runFleet(fleet, config);
                    return;
                }
                config = oneTarget(fleet, config);
            }
        } catch (MigrationsException e) {
            throw new MojoExecutionException(Secrets.scrub(e.getMessage(), config.password()));
        }
        clearReports(List.of(config));
        try {
            run(new Migrations(config), config);
        } catch (MigrationsException e) {
            String message = Secrets.scrub(e.getMessage(), config.password());
            reportFailure(List.of(config), message);
            throw new MojoExecutionException(message);
        }
    }

    /**
     * Whether the goal changes the database and so leaves a run report in
     * {@code target/migrations/<goal>-<schema>.json}; such goals fail, never skip, on a missing folder
     * in a build of one project.
     */
    protected boolean changesDatabase() {
        return false;
    }

    /** Removes the reports a previous run left for these services, so that a run that dies leaves none that lies. */
    private void clearReports(List<MigrationsConfig> configs) throws MojoFailureException {
        if (!changesDatabase()) {
            return;
        }
        for (MigrationsConfig c : configs) {
            java.nio.file.Path file = reportFile(goal(), c.schema());
            try {
                if (file != null) {
                    java.nio.file.Files.deleteIfExists(file);
                }
            } catch (java.io.IOException e) {
                throw new MojoFailureException("Cannot remove the previous run report " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** A report with {@code "ok": false} for each service of a run that failed before it had a result (no connection, no lock). */
    private void reportFailure(List<MigrationsConfig> configs, String message) throws MojoFailureException {
        if (!changesDatabase()) {
            return;
        }
        for (MigrationsConfig c : configs) {
            writeReport(c.service(), new dev.dbmigrations.engine.api.RunResult(goal(), c.schema(), List.of(),
                    List.of(Check.RUN_FAILED.of(message, null)), List.of(), -1, false, ""));
        }
    }

    /**
     * Whether the goal reads or changes the service's database, and so, in an environment that reaches
     * a fleet, runs over the fleet ({@link #fleetGoal()}) or on the one target {@code migrations.select} names.
     */
    protected boolean usesTargetDatabase() {
        return true;
    }

    /** Whether the goal runs over every target of a fleet (up, down, goto, status). */
    protected boolean fleetGoal() {
        return false;
    }

    /**
     * A reactor whose environment reaches a fleet: every service must name the same databases, and the
     * goal runs one plan over the services per database ({@link #runReactorFleet(List, java.util.Set, List)}).
     */
    private void runReactorFleet(List<MigrationsConfig> configs, java.util.Set<String> asked)
            throws MojoExecutionException, MojoFailureException {
        MigrationsConfig first = configs.get(0);
        List<dev.dbmigrations.engine.Fleet> fleets = new java.util.ArrayList<>();
        for (MigrationsConfig c : configs) {
            if (!dev.dbmigrations.engine.Fleet.isFleet(c)) {
                throw new MojoFailureException(Check.FLEET_TARGETS.of("environment " + c.environment() + " of "
                        + c.service() + " names no targets, and another service of the reactor reaches a fleet in it",
                        "give every service of the reactor the same targets in environments.json, or run the"
                                + " fleet per module: mvn -pl <module> migrations:" + goal() + " -P" + c.environment()).format());
            }
            fleets.add(new dev.dbmigrations.engine.Fleet(c, logins(), selectedTargets()));
        }
        if (first.dryRun()) {
            throw new MojoFailureException(Check.FLEET_ONE_TARGET.of("a dry run shows the SQL of one database, and"
                    + " environment " + first.environment() + " reaches a fleet", "run the dry run for one service and"
                    + " one target: mvn -pl <module> migrations:" + goal() + " -Dmigrations.dryRun -Dmigrations.select=<target>").format());
        }
        try {
            runReactorFleet(fleets, asked, configs);
        } catch (MigrationsException e) {
            throw new MojoExecutionException(Secrets.scrub(e.getMessage(), first.password()));
        }
    }

    /** The goal over a reactor's fleet (up, down); others refuse. */
    protected void runReactorFleet(List<dev.dbmigrations.engine.Fleet> fleets, java.util.Set<String> asked,
                                   List<MigrationsConfig> configs) throws MojoExecutionException, MojoFailureException {
        throw new MojoFailureException(Check.FLEET_ONE_TARGET.of("migrations:" + goal() + " has no fleet mode at the"
                + " root of a reactor", "run it per module: mvn -pl <module> migrations:" + goal()).format());
    }

    /** The goal over a fleet; {@code config} is the run's own (its URL is the fleet's directory). */
    protected void runFleet(dev.dbmigrations.engine.Fleet fleet, MigrationsConfig config)
            throws MojoExecutionException, MojoFailureException {
        throw new MojoExecutionException("migrations:" + goal() + " has no fleet mode");
    }

    /** The names of {@code migrations.select}. */
    private java.util.Set<String> selectedTargets() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (select != null) {
            for (String part : select.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** The credentials of a settings.xml server a fleet's target names. */
    private dev.dbmigrations.engine.api.ServerLogins logins() {
        return id -> {
            try {
                ServerCredentials.Credentials c = ServerCredentials.resolve(settings, decrypter, id, null, null, getLog());
                return new dev.dbmigrations.engine.api.ServerLogins.Login(c.user(), c.password());
            } catch (MojoExecutionException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }

    /** The config of the one target {@code migrations.select} names; refused when it names none or several. */
    private MigrationsConfig oneTarget(dev.dbmigrations.engine.Fleet fleet, MigrationsConfig config)
            throws MojoFailureException {
        if (selectedTargets().size() != 1) {
            Problem p = Check.FLEET_ONE_TARGET.of("migrations:" + goal() + (config.dryRun() ? " -Dmigrations.dryRun" : "")
                    + " works on one database, and environment " + config.environment() + " reaches a fleet"
                    + (selectedTargets().isEmpty() ? "" : "; -Dmigrations.select names " + selectedTargets().size()),
                    "name one target: -Dmigrations.select=<target>, as mvn migrations:targets -P" + config.environment()
                            + " prints it");
            throw new MojoFailureException(p.format());
        }
        dev.dbmigrations.engine.api.FleetTargets found = fleet.targets();
        failOn(found.problems(), "found no such target");
        MigrationsConfig one = fleet.config(found.targets().get(0));
        getLog().info("migrations:" + goal() + " on target " + found.targets().get(0).name() + " of " + config.environment());
        return one;
    }

    /** Logs a fleet's summary, writes its report, and fails when it did not start or a target did not end well. */
    protected void finishFleet(dev.dbmigrations.engine.api.FleetResult r, MigrationsConfig config, List<String> lines)
            throws MojoFailureException {
        finishFleet(r, config.service(), config.schema(), lines);
    }

    /**
     * As {@link #finishFleet(dev.dbmigrations.engine.api.FleetResult, MigrationsConfig, List)}, the report
     * named for {@code scope} ({@code target/migrations/fleet-<command>-<scope>.json}): a schema, or
     * {@code reactor} for a reactor's fleet.
     */
    protected void finishFleet(dev.dbmigrations.engine.api.FleetResult r, String service, String scope, List<String> lines)
            throws MojoFailureException {
        lines.forEach(getLog()::info);
        java.nio.file.Path file = fleetReportFile(scope, r.command());
        if (file != null) {
            try {
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, dev.dbmigrations.engine.Reports.fleetJson(r, service, scope),
                        java.nio.charset.StandardCharsets.UTF_8);
                getLog().info("Fleet report: " + file);
            } catch (java.io.IOException e) {
                throw new MojoFailureException("Cannot write the fleet report " + file + ": " + e.getMessage(), e);
            }
        }
        failOn(r.problems(), "started on no target");
        List<dev.dbmigrations.engine.api.FleetResult.TargetResult> bad = r.targets().stream().filter(t -> !t.ok()).toList();
        if (!bad.isEmpty()) {
            for (dev.dbmigrations.engine.api.FleetResult.TargetResult t : bad) {
                if (t.outcome() == dev.dbmigrations.engine.api.FleetResult.Outcome.FAILED) {
                    t.problems().forEach(p -> getLog().error("[" + t.name() + "] " + p.format()));
                }
            }
            throw new MojoFailureException("migrations:" + goal() + " over the fleet of " + r.environment() + ": "
                    + bad.size() + " of " + r.targets().size() + " target(s) did not end well, first: " + bad.get(0).name()
                    + ": " + bad.get(0).problems().get(0).format() + " (rerun the same command once fixed: done targets"
                    + " are a no-op)");
        }
    }

    private java.nio.file.Path fleetReportFile(String scope, String command) {
        java.nio.file.Path p = reportFile(command, scope);
        return p == null ? null : p.resolveSibling("fleet-" + command + "-" + scope + ".json");
    }

    private void clearFleetReport(MigrationsConfig config) throws MojoFailureException {
        java.nio.file.Path file = fleetReportFile(config.schema(), goal());
        try {
            if (file != null) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new MojoFailureException("Cannot remove the previous fleet report " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the goal plans the whole reactor when run at its root (up, down, deps). */
    protected boolean reactorGoal() {
        return false;
    }

    /** The reactor run of a {@link #reactorGoal()}: every service of the session at once. */
    protected void runReactor(dev.dbmigrations.engine.Reactor reactor) throws MojoExecutionException, MojoFailureException {
        throw new MojoExecutionException("migrations:" + goal() + " has no reactor mode");
    }

    private void runReactor() throws MojoExecutionException, MojoFailureException {
        ReactorMode.Selection selection;
        try {
            selection = ReactorMode.select(session, goal(), () -> {
                try {
                    return configure(MigrationsConfig.builder());
                } catch (MojoExecutionException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        java.util.List<MigrationsConfig> configs = selection.configs();
        if (configs.isEmpty()) {
            if (changesDatabase()) {
                throw new MojoFailureException("migrations:" + goal() + ": no module of this reactor has a migrations"
                        + " folder, so there is nothing to run (fix: run it where the services are, or give each"
                        + " service its migrations/ folder)");
            }
            getLog().info("migrations:" + goal() + ": no service of this reactor has a migrations folder");
            return;
        }
        getLog().info("migrations:" + goal() + " for the reactor: " + String.join(", ",
                configs.stream().map(MigrationsConfig::service).toList()) + (selection.asked() == null ? ""
                : " (asked: " + String.join(", ", selection.asked()) + "; the others take part in the cascade)"));
        if (usesTargetDatabase() && configs.stream().anyMatch(dev.dbmigrations.engine.Fleet::isFleet)) {
            runReactorFleet(configs, selection.asked());
            return;
        }
        String password = configs.get(0).password();
        clearReports(configs);
        try {
            runReactor(new dev.dbmigrations.engine.Reactor(configs, selection.asked()));
        } catch (MigrationsException e) {
            String message = Secrets.scrub(e.getMessage(), password);
            reportFailure(configs, message);
            throw new MojoExecutionException(message);
        }
    }

    /**
     * The services this project stands for, outside {@link #execute()} (a site report): at the root of a
     * reactor every service of the session, else this project's own when it has a migrations folder.
     */
    protected List<MigrationsConfig> servicesOfThisProject() throws MojoExecutionException {
        if (session != null && ReactorMode.isRoot(session, project)) {
            try {
                return ReactorMode.select(session, goal(), () -> {
                    try {
                        return configure(MigrationsConfig.builder());
                    } catch (MojoExecutionException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }).configs();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        }
        return dir != null && dir.isDirectory() ? List.of(configure(MigrationsConfig.builder()).build()) : List.of();
    }

    /** Whether the goal has nothing to do without a migrations folder (all but generate). */
    protected boolean needsFolder() {
        return true;
    }

    /** The goal name, for messages. */
    protected abstract String goal();

    /** One engine call and its logging. */
    protected abstract void run(Migrations migrations, MigrationsConfig config)
            throws MojoExecutionException, MojoFailureException;

    /** Maps the shared parameters; goals with more parameters extend it. */
    protected MigrationsConfig.Builder configure(MigrationsConfig.Builder b) throws MojoExecutionException {
        ServerCredentials.Credentials creds = ServerCredentials.resolve(settings, decrypter, serverId, user, password, getLog());
        return b.url(url).user(creds.user()).password(creds.password()).service(service).schema(schema)
                .dir(dir.toPath()).environment(environment).table(table)
                .lockTimeout(Durations.parse("migrations.lockTimeout", lockTimeout))
                .backupDir(backupDir == null ? null : backupDir.toPath()).pgBin(pgBin)
                .approvedBy(approvedBy).approved(versions(approve)).outsideWindow(outsideWindow)
                .metricsDir(metricsDir == null ? null : metricsDir.toPath()).pushgateway(pushgateway)
                .listener(new MavenLogListener(getLog()));
    }

    /**
     * Logs a result and writes it as JSON to {@code target/migrations/<command>-<schema>.json}, failed
     * or not, for CI and alerting.
     */
    void report(String service, dev.dbmigrations.engine.api.RunResult r) throws MojoFailureException {
        RunResults.log(getLog(), r);
        writeReport(service, r);
        java.io.File sql = sqlFile();
        if (sql != null && !r.dryRunScript().isEmpty()) {
            try {
                java.nio.file.Path p = sql.toPath().toAbsolutePath();
                java.nio.file.Files.createDirectories(p.getParent());
                java.nio.file.Files.writeString(p, r.dryRunScript(), java.nio.charset.StandardCharsets.UTF_8);
                getLog().info("Wrote the dry run's SQL to " + p);
            } catch (java.io.IOException e) {
                throw new MojoFailureException("Cannot write " + sql + ": " + e.getMessage() + " (fix: point"
                        + " migrations.sqlFile at a writable file)", e);
            }
        }
    }

    /** Refuses a {@code migrations.format} other than text and json. */
    static void checkFormat(String format) throws MojoFailureException {
        if (!"text".equals(format) && !"json".equals(format)) {
            throw new MojoFailureException("migrations.format '" + format + "' is unknown (fix: use text or json)");
        }
    }

    /** Plain JSON on standard output, for scripts: no log prefix, and printed under -q too. */
    static void printJson(String json) {
        // straight to file descriptor 1: Maven's System.out (Jansi) adds colour resets around what it
        // prints, even under -B and -q, which break `| jq`
        System.out.flush();
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                java.nio.charset.StandardCharsets.UTF_8);
        out.println(json);
        out.flush();
    }

    /** Where a dry run's SQL goes besides the log (up, down and goto with -Dmigrations.sqlFile); null: nowhere. */
    protected java.io.File sqlFile() {
        return null;
    }

    /** Where the report of {@code command} on {@code schema} goes; null outside a project. */
    private java.nio.file.Path reportFile(String command, String schema) {
        if (project == null || project.getBuild() == null || project.getBuild().getDirectory() == null) {
            return null;
        }
        return java.nio.file.Path.of(project.getBuild().getDirectory(), "migrations", command + "-" + schema + ".json");
    }

    private void writeReport(String service, dev.dbmigrations.engine.api.RunResult r) throws MojoFailureException {
        java.nio.file.Path file = reportFile(r.command(), r.schema());
        if (file == null) {
            return;
        }
        String json = dev.dbmigrations.engine.Reports.runJson(r, service, environment);
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, json, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new MojoFailureException("Cannot write the run report " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code 7,8} as versions; anything else is refused with the fix. */
    static java.util.Set<Long> versions(String list) {
        java.util.Set<Long> out = new java.util.LinkedHashSet<>();
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String part : list.split(",")) {
            try {
                out.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("migrations.approve must list versions, e.g. 7,8; got '" + list
                        + "' (fix: pass the versions the refusal printed)");
            }
        }
        return out;
    }

    /** Logs each problem as an error and fails the build with their count. */
    protected void failOn(List<Problem> problems, String what) throws MojoFailureException {
        if (problems.isEmpty()) {
            return;
        }
        for (Problem p : problems) {
            getLog().error(p.format());
        }
        throw new MojoFailureException("migrations:" + goal() + " " + what + ": " + problems.size() + " problem(s),"
                + " first: " + problems.get(0).format());
    }
}
