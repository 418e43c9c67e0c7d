package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.execute.Backups;
import dev.dbmigrations.engine.execute.Database;
import dev.dbmigrations.engine.execute.Sql;
import dev.dbmigrations.engine.execute.Tracking;
import dev.dbmigrations.engine.execute.Transactions;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.DeployPolicy;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.ServicePlan;
import dev.dbmigrations.engine.source.Environments;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.Script;
import dev.dbmigrations.engine.source.ServiceSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run context of one service, shared by every command: its config and listener, its database and
 * tracking tables, and its policy files once read. What each command does with it is in a class of
 * its own ({@link PlanCommand} for up, down and goto, {@link ForceCommand}, ...); this holds what
 * they share: reading the folder and the policy, preparing the session and tables, resuming, the
 * deploy policy gate, and the result.
 */
final class Service {

    final MigrationsConfig config;
    final MigrationsListener listener;
    final Database database;
    final Tracking tracking;
    /** The policy files of the command being run, read once by {@link #readSettings} before anything else. */
    private ServiceSettings settings;

    Service(MigrationsConfig config) {
        this.config = config;
        this.listener = config.listener();
        this.database = new Database(config);
        this.tracking = new Tracking(config.service(), config.schema(), config.table(), config.environment(),
                config.appliedBy());
    }

    String name() {
        return config.service();
    }

    String schema() {
        return config.schema();
    }

    ServiceSettings settings() {
        return settings;
    }

    MigrationsException failure(String what, SQLException e) {
        return database.failure(what, e);
    }

    /** The folder as {@code command} needs it: an up reads only what it may run (see {@link MigrationReader#readForUp}). */
    MigrationSet read(String command) {
        MigrationSet set = command.equals("up") ? MigrationReader.readForUp(config.dir()) : MigrationReader.read(config.dir());
        set.warnings().forEach(listener::warn);
        return set;
    }

    ServicePlan plan(MigrationSet set, DatabaseState state) {
        return new ServicePlan(config.service(), set.forEnvironment(config.environment()), state,
                settings.dependencies());
    }

    /**
     * Reads the folder's environments.json and dependencies.json for this command, once and strictly;
     * returns what stops the command (docs/deploy-policy.md, "Policy fails closed"): any problem that
     * validate reports in them, or an environment the file does not define.
     */
    List<Problem> readSettings(MigrationSet set) {
        settings = ServiceSettings.read(config.dir(), set.migrations());
        return settings.problems(config.environment());
    }

    RunResult refused(String command, List<Problem> problems) {
        return new RunResult(command, config.schema(), List.of(), problems, List.of(), RunResult.UNKNOWN, false, "");
    }

    /** The service's state once its session is set up and its tables exist; or why it cannot start. */
    record Prepared(DatabaseState state, List<String> notes, List<Problem> problems) {
    }

    /** Sets up the work session, creates the tracking tables (adopting golang-migrate's), reads the state. */
    Prepared prepare(Connection work, MigrationSet set) throws SQLException {
        prepareSession(work);
        List<String> notes = new ArrayList<>();
        int shape = tracking.schemaVersion(work);
        if (shape == Tracking.currentSchemaVersion()) {
            return new Prepared(tracking.read(work), notes, List.of());
        }
        if (shape > Tracking.currentSchemaVersion()) {
            return new Prepared(null, notes, List.of(Check.TRACKING_VERSION.of("the tracking tables of schema "
                    + config.schema() + " are at version " + shape + ", written by a newer release of this plugin; this"
                    + " one knows versions up to " + Tracking.currentSchemaVersion() + " and changes nothing",
                    "run the release that wrote them, or a newer one: a plugin is never downgraded over its tables")));
        }
        // about to create or alter tables: every up file must be sound first, as nothing has run yet
        List<Problem> unsound = unsound(set.migrations().stream().map(Migration::up).toList());
        if (!unsound.isEmpty()) {
            return new Prepared(null, notes, unsound);
        }
        boolean existed = tracking.orchestratorTablesExist(work);
        DatabaseState before = tracking.read(work);
        if (!existed && before.dirty()) {
            return new Prepared(null, notes, List.of(Check.DIRTY.of("golang-migrate's table " + config.table() + " is dirty at version " + before.version(),
                    "finish or undo that migration by hand, then run migrations:force -Dmigrations.version="
                            + before.version() + " (or the version before it) and try again")));
        }
        List<String> upgraded = tracking.create(work);
        if (existed && !upgraded.isEmpty()) {
            notes.add("Upgraded the tracking tables of schema " + config.schema() + " to version "
                    + Tracking.currentSchemaVersion() + " (" + String.join("; ", upgraded) + ")");
        }
        if (!existed) {
            adopt(work, set, before, notes);
        }
        return new Prepared(tracking.read(work), notes, List.of());
    }

    Tracking tracking() {
        return tracking;
    }

    /** SQL that does not split into statements, in any of {@code scripts}: checked before anything of them runs. */
    static List<Problem> unsound(List<Script> scripts) {
        List<Problem> problems = new ArrayList<>();
        for (Script s : scripts) {
            problems.addAll(s.syntaxProblems());
        }
        return problems;
    }

    /** {@link #unsound} for the files of the planned steps. */
    static List<Problem> unsound(Plan plan) {
        return unsound(plan.steps().stream()
                .map(p -> p.direction() == Direction.UP ? p.migration().up() : p.migration().down()).toList());
    }

    /** A dirty up that can go on where it stopped; version -1 when there is none. */
    record Resume(DatabaseState state, long version, int done) {
    }

    /**
     * When the database is dirty because an up outside a transaction stopped (a crash, a failed
     * statement) and the file is unchanged, the run goes on after its last finished statement
     * instead of demanding force. A changed file still needs force.
     */
    Resume resume(Connection work, MigrationSet set, DatabaseState state, List<String> notes) throws SQLException {
        if (!state.dirty() || state.applied().containsKey(state.version())) {
            return new Resume(state, -1, 0);
        }
        Tracking.Progress p = tracking.progress(work, state.version());
        Migration m = set.forEnvironment(config.environment()).stream().filter(x -> x.version() == state.version())
                .findFirst().orElse(null);
        if (p == null || m == null || !p.direction().equals("up")) {
            return new Resume(state, -1, 0);
        }
        if (!p.checksum().equals(m.up().checksum())) {
            notes.add(m.id() + " changed since the attempt that left the database dirty: it cannot resume; check the"
                    + " database and run migrations:force");
            return new Resume(state, -1, 0);
        }
        int total = RunModes.resolve(m.up(), major(work)).statements().size();
        listener.info("Resuming " + m.id() + " after statement " + p.statementsDone() + " of " + total
                + ": the previous attempt stopped there, and the file is unchanged");
        notes.add("Resumed " + m.id() + " after statement " + p.statementsDone() + " of " + total);
        return new Resume(new DatabaseState(state.initialised(), state.version(), false, state.applied()),
                m.version(), p.statementsDone());
    }

    /** A backup into {@code file}, or a new file named for the schema, the time and {@code reason}; with its history row. */
    Backups.Outcome backupNow(Connection work, DatabaseState state, Path file, String reason) throws SQLException {
        Path target = file != null ? file : config.backupDir().resolve(config.schema() + "-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now()) + "-" + reason + ".dump");
        Instant started = Instant.now();
        Backups.Outcome o = new Backups(config).dump(target);
        tracking.recordHistory(work, state.version(), target.getFileName().toString(), "backup", o.ok(), null, reason,
                started, o.millis(), null, o.ok() ? null : o.problem().message(), null);
        return o;
    }

    /**
     * What the environment's policy asks before {@code steps} run (docs/deploy-policy.md): inside a
     * maintenance window or an override with a reason, approval of the risky migrations, and a backup
     * when the {@code backup} policy wants one. Records the approvals, the override and the backup in
     * the history. Empty when the steps may run; else why nothing may.
     */
    List<Problem> deployPolicy(Connection work, DatabaseState state, List<Plan.PlannedStep> steps, MigrationSet set)
            throws SQLException {
        if (steps.isEmpty()) {
            return List.of();
        }
        Environments.Policy policy = settings.policy(config.environment());
        DeployPolicy.Declared declared = new DeployPolicy.Declared(config.approvedBy(), config.approved(),
                config.outsideWindow());
        Instant now = Instant.now();
        List<Migration> folder = set.forEnvironment(config.environment());
        Map<Plan.PlannedStep, Risk> approvals = DeployPolicy.needingApproval(policy, steps, folder, config.schema());
        List<Problem> problems = DeployPolicy.check(policy, steps, approvals, now, declared);
        if (!problems.isEmpty()) {
            return problems;
        }
        if (!policy.maintenanceWindows().isEmpty() && policy.maintenanceWindows().stream().noneMatch(w -> w.contains(now))) {
            tracking.recordHistory(work, state.version(), null, "outside-window", true, null, null, now, 0,
                    null, null, null, config.outsideWindow());
            listener.warn("Running outside the " + config.environment() + " maintenance windows: " + config.outsideWindow());
        }
        for (Map.Entry<Plan.PlannedStep, Risk> e : approvals.entrySet()) {
            Migration m = e.getKey().migration();
            tracking.recordHistory(work, m.version(), m.id(), "approve", true, m.up().checksum(), null, now, 0, null,
                    null, null, config.approvedBy() + " (" + e.getValue().label() + " risk)");
            listener.info(m.id() + " (" + e.getValue().label() + ") approved by " + config.approvedBy());
        }
        if (DeployPolicy.wantsBackup(policy, steps, folder, config.schema())) {
            Backups.Outcome o = backupNow(work, state, null, "before-" + steps.get(0).direction().label());
            if (!o.ok()) {
                return List.of(Check.BACKUP_FAILED.at(o.problem().file(), 0, 0, "the " + config.environment()
                        + " policy asks for a backup first (backup: " + policy.backup().label() + "), and it failed: "
                        + o.problem().message(), o.problem().fix() + "; nothing was run"));
            }
            listener.info("Backed up schema " + config.schema() + " to " + o.file() + " (" + o.bytes() + " bytes) before "
                    + steps.get(0).direction().label() + ", as the " + config.environment() + " policy asks");
        }
        return List.of();
    }

    private void adopt(Connection work, MigrationSet set, DatabaseState golang, List<String> notes) throws SQLException {
        if (golang.version() < 0) {
            // said now, before the steps it makes possible, not in the notes at the end
            listener.info("Created the tracking tables in schema " + config.schema());
            return;
        }
        Instant started = Instant.now();
        List<Migration> adopted = set.forEnvironment(config.environment()).stream()
                .filter(m -> m.version() <= golang.version()).toList();
        int recorded = Transactions.inOne(work, () -> {
            int n = recordAsApplied(work, adopted, golang, golang.version(), "adopted");
            for (Migration m : adopted) {
                tracking.recordHistory(work, m.version(), m.id(), "adopt", true, m.up().checksum(), null, started, 0,
                        null, null, null);
            }
            return n;
        });
        notes.add("Adopted golang-migrate's table " + config.table() + " at version " + golang.version() + ": "
                + recorded + " migrations recorded as applied");
    }

    /**
     * Records the migrations up to {@code version} that are not applied yet as applied, of {@code kind}
     * (forced, baseline, adopted), without running them; in the caller's transaction. Returns how many.
     */
    int recordAsApplied(Connection work, List<Migration> migrations, DatabaseState state, long version,
                                String kind) throws SQLException {
        int recorded = 0;
        for (Migration m : migrations) {
            if (m.version() <= version && !state.applied().containsKey(m.version())) {
                tracking.recordApplied(work, m.version(), m.id(), m.up().checksum(), kind, null, null);
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * The run's session: search_path is the service schema, and lock_timeout and statement_timeout come
     * from the config or else from the environment's policy in environments.json.
     */
    private void prepareSession(Connection work) throws SQLException {
        if (major(work) >= 14) {
            // a server session whose client died stops its statement within a second instead of finishing it
            try (Statement st = work.createStatement()) {
                st.execute("set client_connection_check_interval = '1s'");
            } catch (SQLException e) {
                listener.debug("client_connection_check_interval is not available here: " + e.getMessage());
            }
        }
        try (Statement st = work.createStatement()) {
            for (String set : sessionSettings()) {
                st.execute(set);
            }
        }
    }

    /**
     * The settings of the run's session that its migrations see: the search_path, and the lock and
     * statement timeouts (a dry run's script starts with them).
     */
    List<String> sessionSettings() {
        Environments.Policy policy = settings.policy(config.environment());
        Duration lockTimeout = config.statementLockTimeout() != null ? config.statementLockTimeout() : policy.lockTimeout();
        Duration statementTimeout = config.statementTimeout() != null ? config.statementTimeout() : policy.statementTimeout();
        List<String> out = new java.util.ArrayList<>();
        out.add("set search_path to " + Sql.ident(config.schema()) + ", public");
        if (lockTimeout != null) {
            out.add("set lock_timeout = " + millis(lockTimeout));
        }
        if (statementTimeout != null) {
            out.add("set statement_timeout = " + millis(statementTimeout));
        }
        return out;
    }

    private static String millis(Duration d) {
        return "'" + d.toMillis() + "ms'";
    }

    static int major(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseMajorVersion();
    }

    RunResult finish(String command, List<Step> steps, List<Problem> problems, List<String> notes,
                             Connection work) throws SQLException {
        if (!work.getAutoCommit()) {
            work.setAutoCommit(true);
        }
        DatabaseState after = tracking.readVersion(work);
        return new RunResult(command, config.schema(), steps, problems, notes, after.version(), after.dirty(), "");
    }
}
