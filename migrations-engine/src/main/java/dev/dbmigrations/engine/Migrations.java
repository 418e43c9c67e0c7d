package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.GenerateRequest;
import dev.dbmigrations.engine.api.GenerateResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.execute.Backups;
import dev.dbmigrations.engine.execute.Database;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.SchemaLock;
import dev.dbmigrations.engine.execute.SeedRunner;
import dev.dbmigrations.engine.execute.Sql;
import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.execute.Tracking;
import dev.dbmigrations.engine.execute.Transactions;
import dev.dbmigrations.engine.generate.Generator;
import dev.dbmigrations.engine.generate.MigrationDocs;
import dev.dbmigrations.engine.lint.Validator;
import dev.dbmigrations.engine.plan.Applied;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.DeployPolicy;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.Planner;
import dev.dbmigrations.engine.plan.ServicePlan;
import dev.dbmigrations.engine.report.StatusBuilder;
import dev.dbmigrations.engine.source.Environments;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.Script;
import dev.dbmigrations.engine.source.Seeds;
import dev.dbmigrations.engine.source.ServiceSettings;
import dev.dbmigrations.engine.source.SumFile;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The engine's one entry point: a {@link MigrationsConfig} in, one method per command, a result out.
 * User errors come back as {@link Problem}s in the result and leave the database unchanged; only a
 * failing environment (no connection, lock timeout) throws
 * {@link dev.dbmigrations.engine.api.MigrationsException}.
 */
public final class Migrations {

    private final MigrationsConfig config;
    private final MigrationsListener listener;
    private final Database database;
    private final Tracking tracking;
    /** The policy files of the command being run, read once by {@link #readSettings} before anything else. */
    private ServiceSettings settings;

    public Migrations(MigrationsConfig config) {
        this.config = config;
        this.listener = config.listener();
        this.database = new Database(config);
        this.tracking = new Tracking(config.service(), config.schema(), config.table(), config.environment(),
                config.appliedBy());
    }

    public MigrationsConfig config() {
        return config;
    }

    /** Creates the schema and tracking tables; adopts an existing golang-migrate table. */
    public RunResult init() {
        return locked("init", (work, set, state, notes) -> finish("init", List.of(), List.of(), notes, work));
    }

    /** Applies pending migrations: all, {@code count} of them, or up to {@code target} (nullable). */
    public RunResult up(Integer count, Long target) {
        return run("up", planner -> planner.up(count, target));
    }

    /** Rolls back {@code count} migrations (default 1), or down to {@code target} (kept applied). */
    public RunResult down(Integer count, Long target) {
        return run("down", planner -> planner.down(count, target));
    }

    /** Moves to {@code version}: rolls back what is above it, applies what is pending up to it. */
    public RunResult gotoVersion(long version) {
        return run("goto", planner -> planner.goTo(version));
    }

    /**
     * Runs the seed files of the environment ({@code seeds/*.sql}, then {@code seeds/<environment>/*.sql})
     * that are new or changed since they last ran, or all of them with {@code reseed}; each in one
     * transaction. Refuses while migrations are pending or the database is dirty: seeds are written for
     * the current schema. A dry run lists what would run.
     */
    public RunResult seed(boolean reseed) {
        Seeds.Read seeds = Seeds.read(config.dir(), config.environment());
        seeds.warnings().forEach(listener::warn);
        if (!seeds.ok()) {
            return refused("seed", seeds.problems());
        }
        if (config.dryRun()) {
            MigrationSet set = read("seed");
            if (!set.ok()) {
                return refused("seed", set.problems());
            }
            List<Problem> broken = readSettings(set);
            if (!broken.isEmpty()) {
                return refused("seed", broken);
            }
            try (Connection work = database.connect("dry-run")) {
                DatabaseState state = tracking.read(work);
                List<Problem> blocked = seedBlockers(work, set, state);
                List<Seeds.Seed> due = new SeedRunner(work, tracking, serverMajor(work), config.password(), listener)
                        .due(seeds.seeds(), reseed);
                StringBuilder script = new StringBuilder("-- dry run of migrations:seed on schema " + config.schema()
                        + ": " + due.size() + " of " + seeds.seeds().size() + " seed(s) would run, nothing is changed\n");
                for (Seeds.Seed s : due) {
                    script.append("\n-- ").append(s.name()).append('\n').append(s.script().text().strip()).append('\n');
                }
                return new RunResult("seed", config.schema(), List.of(), blocked, List.of(), state.version(), state.dirty(),
                        script.toString());
            } catch (SQLException e) {
                throw database.failure("Dry run of seed on schema " + config.schema(), e);
            }
        }
        return locked("seed", (work, set, state, notes) -> {
            List<Problem> blocked = seedBlockers(work, set, state);
            if (!blocked.isEmpty()) {
                return finish("seed", List.of(), blocked, notes, work);
            }
            SeedRunner.Outcome outcome = new SeedRunner(work, tracking, serverMajor(work), config.password(), listener)
                    .run(seeds.seeds(), reseed);
            notes.addAll(outcome.notes());
            return finish("seed", List.of(), outcome.problems(), notes, work);
        });
    }

    /** Why seeds cannot run now: a dirty database, an edited applied migration, or pending migrations. */
    private List<Problem> seedBlockers(Connection work, MigrationSet set, DatabaseState state) throws SQLException {
        Plan pending = new Planner(servicePlan(set, state), new DatabaseGraph(work), config.outOfOrder(), false)
                .up(null, null);
        if (!pending.problems().isEmpty()) {
            return pending.problems();
        }
        if (!pending.steps().isEmpty() || pending.stop() != null) {
            int n = pending.steps().size();
            String first = n > 0 ? pending.steps().get(0).migration().id() : pending.stop().message();
            return List.of(Check.SEED_PENDING.of((n > 0 ? n + " migration(s) are pending in " + config.environment()
                    + " (first: " + first + ")" : "migrations are pending: " + first)
                    + "; seeds are written for the schema the migrations build",
                    "run migrations:up first, then migrations:seed"));
        }
        return List.of();
    }

    /**
     * Dumps the service schema with pg_dump into {@code file}, or into a new file in the backup folder
     * when it is null; records a {@code backup} row in the history.
     */
    public RunResult backup(Path file) {
        return locked("backup", (work, set, state, notes) -> {
            Backups.Outcome o = backupNow(work, state, file, "manual");
            if (o.ok()) {
                notes.add("Backed up schema " + config.schema() + " to " + o.file() + " (" + o.bytes() + " bytes, "
                        + o.millis() + " ms)");
            }
            return finish("backup", List.of(), o.ok() ? List.of() : List.of(o.problem()), notes, work);
        });
    }

    /**
     * Replaces the service schema with the one in {@code file} (a {@code backup}), in one transaction:
     * the current schema is renamed aside, the dump restored, and the old schema dropped only when the
     * restore succeeded (renamed back otherwise). The history is append-only, so the rows written since
     * the backup are carried over into the restored one. {@code confirm} must be the schema name.
     */
    public RunResult restore(Path file, String confirm) {
        if (file == null || !Files.isRegularFile(file)) {
            return refused("restore", List.of(Check.RESTORE.at(file, 0, 0, "no backup file at " + file,
                    "pass -Dmigrations.backupFile=<a file written by migrations:backup>")));
        }
        if (!config.schema().equals(confirm)) {
            return refused("restore", List.of(Check.RESTORE_CONFIRM.of("restore replaces schema " + config.schema() + " and everything in it with the backup",
                    "confirm with -Dmigrations.confirm=" + config.schema())));
        }
        return locked("restore", (work, set, state, notes) -> {
            List<String> dependents = new DatabaseGraph(work).dependentsOutside(config.schema());
            if (!dependents.isEmpty()) {
                return finish("restore", List.of(), List.of(Check.RESTORE_DEPENDENTS.of("objects in other schemas depend on " + config.schema() + " and would be dropped with it: "
                                + String.join(", ", dependents),
                        "roll back (or drop) them first, e.g. the other service's migration that created them, restore,"
                                + " then apply them again")), notes, work);
            }
            return restoreInOneTransaction(work, file, notes);
        });
    }

    /**
     * The restore itself, one transaction end to end: the current schema is renamed aside, the dump
     * is run on this session, the restored tracking tables are brought to this release's shape, the
     * history written since the backup is carried over, the old schema dropped and the restore
     * recorded. A failure, or a JVM killed at any point, leaves the schema as it was.
     */
    private RunResult restoreInOneTransaction(Connection work, Path file, List<String> notes) throws SQLException {
        String aside = config.schema() + "_before_restore";
        if (new DatabaseGraph(work).schemaExists(aside)) {
            return finish("restore", List.of(), List.of(Check.RESTORE_LEFTOVER.of("schema " + aside
                    + " exists: an interrupted restore of an earlier release left it, and it may hold the only copy of"
                    + " what was there before", "check it, then drop it or rename it back to " + config.schema()
                    + " by hand, and restore again")), notes, work);
        }
        work.setAutoCommit(false);
        try (Statement st = work.createStatement()) {
            st.execute("alter schema " + Sql.ident(config.schema()) + " rename to " + Sql.ident(aside));
            Backups.Outcome o = new Backups(config).restoreInto(work, file);
            if (!o.ok()) {
                work.rollback();
                return finish("restore", List.of(), List.of(o.problem()), notes, work);
            }
            st.execute("set search_path to " + Sql.ident(config.schema()) + ", public");
            tracking.create(work);
            tracking.carryHistoryOver(work, aside);
            st.execute("drop schema " + Sql.ident(aside) + " cascade");
            DatabaseState restored = tracking.read(work);
            if (!Sql.schemaOf(config.table(), config.schema()).equals(config.schema())) {
                // golang-migrate's table lives outside the schema, so the dump did not hold it: set it from the applied set
                tracking.setVersion(work, restored.highestApplied(), false);
            }
            tracking.recordHistory(work, restored.version(), file.getFileName().toString(), "restore", true, null, null,
                    Instant.now(), o.millis(), null, null, null);
            work.commit();
            notes.add("Restored schema " + config.schema() + " from " + file + " in " + o.millis() + " ms ("
                    + o.summary() + ", one transaction)");
            return finish("restore", List.of(), List.of(), notes, work);
        } catch (SQLException | RuntimeException e) {
            work.rollback();
            throw e;
        } finally {
            work.setAutoCommit(true);
        }
    }

    /** A backup into {@code file}, or a new file named for the schema, the time and {@code reason}; with its history row. */
    private Backups.Outcome backupNow(Connection work, DatabaseState state, Path file, String reason) throws SQLException {
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
    List<Problem> deployPolicy(Connection work, DatabaseState state, List<Plan.PlannedStep> steps) throws SQLException {
        if (steps.isEmpty()) {
            return List.of();
        }
        Environments.Policy policy = settings.policy(config.environment());
        DeployPolicy.Declared declared = new DeployPolicy.Declared(config.approvedBy(), config.approved(),
                config.outsideWindow());
        Instant now = Instant.now();
        Map<Plan.PlannedStep, Risk> approvals = DeployPolicy.needingApproval(policy, steps);
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
        if (DeployPolicy.wantsBackup(policy, steps)) {
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

    /**
     * golang-migrate's force: the database is declared to be at {@code version} (-1 for none), dirty
     * cleared. Migrations at or below it are recorded as applied, those above it as not.
     */
    public RunResult force(long version) {
        if (version < -1) {
            return refused("force", List.of(Check.VERSION.of("version must be -1 or more, got " + version,
                    "pass -Dmigrations.version=V, or -1 for a database with no migration applied")));
        }
        return locked("force", (work, set, state, notes) -> {
            List<Migration> migrations = set.forEnvironment(config.environment());
            Instant started = Instant.now();
            int[] counts = Transactions.inOne(work, () -> {
                int recorded = recordAsApplied(work, migrations, state, version, "forced");
                Applied at = state.applied().get(version);
                Migration file = migrations.stream().filter(m -> m.version() == version).findFirst().orElse(null);
                if (at != null && file != null && !file.up().checksum().equals(at.checksum())) {
                    tracking.updateChecksum(work, version, file.up().checksum());
                }
                int removed = 0;
                for (Applied a : state.applied().values()) {
                    if (a.version() > version) {
                        tracking.removeApplied(work, a.version());
                        removed++;
                    }
                }
                tracking.setVersion(work, version, false);
                tracking.recordHistory(work, version, file == null ? Long.toString(version) : file.id(), "force", true,
                        null, null, started, 0, null, null, null);
                return new int[] {recorded, removed};
            });
            notes.add("Forced schema " + config.schema() + " to version " + (version < 0 ? "none" : version)
                    + ", dirty cleared (" + counts[0] + " recorded as applied, " + counts[1] + " as not applied)");
            if (version >= 0 && migrations.stream().noneMatch(m -> m.version() == version)) {
                notes.add("No migration in the folder has version " + version);
            }
            return finish("force", List.of(), List.of(), notes, work);
        });
    }

    /**
     * Records the migrations up to {@code version} that are not applied yet as applied, of {@code kind}
     * (forced, baseline, adopted), without running them; in the caller's transaction. Returns how many.
     */
    private int recordAsApplied(Connection work, List<Migration> migrations, DatabaseState state, long version,
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

    /** Records every migration up to {@code version} as applied without running it, on a database that predates the tool. */
    public RunResult baseline(long version) {
        return locked("baseline", (work, set, state, notes) -> {
            if (!state.applied().isEmpty()) {
                return finish("baseline", List.of(), List.of(Check.BASELINE.of("schema " + config.schema() + " already has " + state.applied().size() + " applied migrations",
                        "baseline only a database the tool has never run on; use migrations:force to move the version")),
                        notes, work);
            }
            Instant started = Instant.now();
            int recorded = Transactions.inOne(work, () -> {
                int n = recordAsApplied(work, set.forEnvironment(config.environment()), state, version, "baseline");
                tracking.setVersion(work, version, false);
                tracking.recordHistory(work, version, Long.toString(version), "baseline", true, null, null, started, 0,
                        null, null, null);
                return n;
            });
            notes.add("Baselined schema " + config.schema() + " at version " + version + ": " + recorded
                    + " migrations recorded as applied without running");
            return finish("baseline", List.of(), List.of(), notes, work);
        });
    }

    /** Accepts the current files of applied migrations whose checksums changed. */
    public RunResult repair() {
        return locked("repair", (work, set, state, notes) -> {
            Instant started = Instant.now();
            notes.addAll(Transactions.inOne(work, () -> {
                List<String> accepted = new ArrayList<>();
                for (Migration m : set.forEnvironment(config.environment())) {
                    Applied a = state.applied().get(m.version());
                    if (a != null && !m.up().checksum().equals(a.checksum())) {
                        tracking.updateChecksum(work, m.version(), m.up().checksum());
                        tracking.recordHistory(work, m.version(), m.id(), "repair", true, m.up().checksum(), null,
                                started, 0, null, null, null);
                        accepted.add("Accepted the edited " + m.id() + " (checksum " + a.checksum() + " -> "
                                + m.up().checksum() + ")");
                    }
                }
                return accepted;
            }));
            if (notes.isEmpty()) {
                notes.add("Nothing to repair: every applied migration matches its file");
            }
            return finish("repair", List.of(), List.of(), notes, work);
        });
    }

    /** Every migration with its state; reads only, takes no lock, creates nothing. */
    public StatusResult status() {
        MigrationSet set = read("status");
        try (Connection work = database.connect("status")) {
            DatabaseState state = tracking.read(work);
            List<Problem> problems = new ArrayList<>(set.problems());
            problems.addAll(readSettings(set));
            List<Migration> migrations = set.forEnvironment(config.environment());
            List<String> deploy = List.of();
            if (problems.isEmpty()) {
                // what an up would meet now: pure planning over what was just read, no lock
                Plan pending = new Planner(servicePlan(set, state), new DatabaseGraph(work), config.outOfOrder(), false)
                        .up(null, null);
                deploy = DeployPolicy.preview(settings.policy(config.environment()),
                        pending.steps(), Instant.now());
            }
            return new StatusResult(config.service(), config.schema(), config.environment(), state.initialised(),
                    state.version(), state.dirty(), StatusBuilder.build(migrations, state), problems, deploy);
        } catch (SQLException e) {
            throw database.failure("Reading the status of schema " + config.schema(), e);
        }
    }

    /**
     * Offline validation of the folder: structure, dependencies.json, environments.json,
     * migrations.sum, SQL checks and risk rules, at {@code strictness} or, when null, the
     * environment's strictness from environments.json. Touches no database.
     */
    public ValidationResult validate(Strictness strictness) {
        ValidationResult r = Validator.validate(config.dir(), config.service(), config.environment(), strictness);
        if (!Files.isDirectory(config.dir().resolve(MigrationDocs.DIR)) || !r.ok()) {
            return r;
        }
        // a folder that keeps generated docs is told when they no longer match the files
        List<Path> stale = docs(true).stale();
        if (stale.isEmpty()) {
            return r;
        }
        List<String> notes = new ArrayList<>(r.notes());
        notes.add(stale.size() + " page(s) of docs/ are out of date (" + config.dir().relativize(stale.get(0))
                + (stale.size() > 1 ? ", ..." : "") + "): run mvn migrations:docs");
        return new ValidationResult(r.service(), r.environment(), r.strictness(), r.diagnostics(), r.migrations(), notes);
    }

    /** Writes migrations.sum for the folder; refuses (and writes nothing) when the folder cannot be read. */
    public List<Problem> hash() {
        MigrationSet set = read("hash");
        if (!set.ok()) {
            return set.problems();
        }
        try {
            SumFile.write(set);
            listener.info("Wrote " + set.dir().resolve(SumFile.FILE) + " (" + SumFile.entries(set).size() + " files)");
            return List.of();
        } catch (java.io.IOException e) {
            throw new MigrationsException("Cannot write " + set.dir().resolve(SumFile.FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new migration pair from a template into the folder; never overwrites a file. Needs no
     * database. Templates come from the class path (the migrations-templates artifact) and the
     * folder's templates/.
     */
    public GenerateResult generate(GenerateRequest request) {
        return generator().generate(request);
    }

    /**
     * Writes the folder's generated docs ({@code docs/<id>.md} per migration, {@code docs/README.md})
     * and refreshes its README's migration list; with {@code check}, writes nothing and lists the pages
     * that are missing or out of date. No database.
     */
    public MigrationDocs.Result docs(boolean check) {
        return MigrationDocs.write(config.dir(), config.service(), config.schema(), check);
    }

    /** The migration types generate knows: type → what it is for. */
    public Map<String, String> templateTypes() {
        return generator().types();
    }

    private Generator generator() {
        return new Generator(config.dir(), config.service(), config.schema(), Migrations.class.getClassLoader(),
                Clock.systemUTC());
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Action {
        RunResult run(Connection work, MigrationSet set, DatabaseState state, List<String> notes) throws SQLException;
    }

    @FunctionalInterface
    private interface PlanFn {
        Plan plan(Planner planner);
    }

    /** The folder as {@code command} needs it: an up reads only what it may run (see {@link MigrationReader#readForUp}). */
    private MigrationSet read(String command) {
        MigrationSet set = command.equals("up") ? MigrationReader.readForUp(config.dir()) : MigrationReader.read(config.dir());
        set.warnings().forEach(listener::warn);
        return set;
    }

    private ServicePlan servicePlan(MigrationSet set, DatabaseState state) {
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

    private RunResult refused(String command, List<Problem> problems) {
        return new RunResult(command, config.schema(), List.of(), problems, List.of(), -1, false, "");
    }

    private RunResult run(String command, PlanFn planFn) {
        if (config.dryRun()) {
            return dryRun(command, planFn);
        }
        return locked(command, (work, set, state, notes) -> {
            Resume resume = resume(work, set, state, notes);
            ServicePlan sp = servicePlan(set, resume.state());
            Plan plan = planFn.plan(new Planner(sp, new DatabaseGraph(work), config.outOfOrder(), config.cascade()));
            if (!plan.problems().isEmpty()) {
                return finish(command, List.of(), plan.problems(), notes, work);
            }
            List<Problem> unsound = unsound(plan);
            if (!unsound.isEmpty()) {
                return finish(command, List.of(), unsound, notes, work);
            }
            List<Problem> refused = deployPolicy(work, state, plan.steps());
            if (!refused.isEmpty()) {
                return finish(command, List.of(), refused, notes, work);
            }
            List<Step> steps = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            if (plan.steps().isEmpty() && plan.stop() == null) {
                notes.add("Schema " + config.schema() + " is up to date: nothing to " + command);
            }
            TreeSet<Long> appliedVersions = new TreeSet<>(state.applied().keySet());
            StepRunner runner = new StepRunner(work, tracking, appliedVersions, serverMajor(work), config.password(),
                    listener, sp::requires);
            if (resume.version() >= 0) {
                runner.resume(resume.version(), resume.done());
            }
            int total = plan.steps().size();
            int index = 0;
            for (Plan.PlannedStep step : plan.steps()) {
                StepRunner.Outcome outcome = runner.run(step, ++index, total);
                steps.add(outcome.step());
                if (outcome.problem() != null) {
                    problems.add(outcome.problem());
                    break;
                }
            }
            if (problems.isEmpty() && plan.stop() != null) {
                problems.add(plan.stop());
            }
            return finish(command, steps, problems, notes, work);
        });
    }

    private RunResult dryRun(String command, PlanFn planFn) {
        MigrationSet set = read("dry-run");
        if (!set.ok()) {
            return refused(command, set.problems());
        }
        List<Problem> broken = readSettings(set);
        if (!broken.isEmpty()) {
            return refused(command, broken);
        }
        try (Connection work = database.connect("dry-run")) {
            DatabaseState state = tracking.read(work);
            Plan plan = planFn.plan(new Planner(servicePlan(set, state), new DatabaseGraph(work), config.outOfOrder(),
                    config.cascade()));
            if (!plan.problems().isEmpty()) {
                return refused(command, plan.problems());
            }
            int major = serverMajor(work);
            StringBuilder script = new StringBuilder();
            script.append("-- dry run of migrations:").append(command).append(" on schema ").append(config.schema())
                    .append(" (").append(config.maskedUrl()).append("): ").append(plan.steps().size())
                    .append(" migration(s), nothing is changed\n");
            List<Step> steps = new ArrayList<>();
            int i = 0;
            for (Plan.PlannedStep p : plan.steps()) {
                Script s = p.direction() == Direction.UP ? p.migration().up() : p.migration().down();
                RunModes.Resolved resolved = RunModes.resolve(s, major);
                RunMode mode = resolved.mode();
                script.append("\n-- [").append(++i).append('/').append(plan.steps().size()).append("] ")
                        .append(p.migration().id()).append(' ').append(p.direction().label()).append(" (")
                        .append(mode.label()).append(") from ").append(s.path()).append('\n');
                for (SqlStatement st : resolved.statements()) {
                    script.append(st.text()).append(";\n");
                }
                steps.add(new Step(p.migration().version(), p.migration().id(), p.direction(), mode, true, 0));
            }
            List<Problem> problems = plan.stop() == null ? List.of() : List.of(plan.stop());
            List<String> notes = plan.steps().isEmpty() ? List.of("Nothing to " + command) : List.of();
            return new RunResult(command, config.schema(), steps, problems, notes, state.version(), state.dirty(),
                    script.toString());
        } catch (SQLException e) {
            throw database.failure("Dry run on schema " + config.schema(), e);
        }
    }

    /**
     * Reads the folder, takes the schema lock, prepares the tables, then runs the action. The lock is
     * held by the session that runs the statements: when a run is killed, its server session keeps
     * the lock until the statement it was running has ended, so the next run waits for it instead of
     * running that statement a second time.
     */
    private RunResult locked(String command, Action action) {
        try (Database.Pending pending = database.connectInBackground(command)) {
            MigrationSet set = read(command);
            if (!set.ok()) {
                return refused(command, set.problems());
            }
            List<Problem> broken = readSettings(set);
            if (!broken.isEmpty()) {
                return refused(command, broken);
            }
            return locked(command, set, pending.take(), action);
        }
    }

    private RunResult locked(String command, MigrationSet set, Connection work, Action action) {
        try (work; SchemaLock lock = new SchemaLock(work, config.schema())) {
            lock.acquire(config.lockTimeout(), listener);
            Prepared p = prepare(work, set);
            if (!p.problems().isEmpty()) {
                return refused(command, p.problems());
            }
            return action.run(work, set, p.state(), p.notes());
        } catch (SQLException e) {
            throw database.failure(command + " on schema " + config.schema(), e);
        }
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
        int total = RunModes.resolve(m.up(), serverMajor(work)).statements().size();
        listener.info("Resuming " + m.id() + " after statement " + p.statementsDone() + " of " + total
                + ": the previous attempt stopped there, and the file is unchanged");
        notes.add("Resumed " + m.id() + " after statement " + p.statementsDone() + " of " + total);
        return new Resume(new DatabaseState(state.initialised(), state.version(), false, state.applied()),
                m.version(), p.statementsDone());
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

    Database database() {
        return database;
    }

    MigrationSet readFolder(String command) {
        return read(command);
    }

    ServicePlan plan(MigrationSet set, DatabaseState state) {
        return servicePlan(set, state);
    }

    static int major(Connection c) throws SQLException {
        return serverMajor(c);
    }

    RunResult result(String command, List<Step> steps, List<Problem> problems, List<String> notes, Connection work)
            throws SQLException {
        return finish(command, steps, problems, notes, work);
    }

    private void adopt(Connection work, MigrationSet set, DatabaseState golang, List<String> notes) throws SQLException {
        if (golang.version() < 0) {
            notes.add("Created the tracking tables in schema " + config.schema());
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
     * The run's session: search_path is the service schema, and lock_timeout and statement_timeout come
     * from the config or else from the environment's policy in environments.json.
     */
    private void prepareSession(Connection work) throws SQLException {
        Environments.Policy policy = settings.policy(config.environment());
        Duration lockTimeout = config.statementLockTimeout() != null ? config.statementLockTimeout() : policy.lockTimeout();
        Duration statementTimeout = config.statementTimeout() != null ? config.statementTimeout() : policy.statementTimeout();
        if (serverMajor(work) >= 14) {
            // a server session whose client died stops its statement within a second instead of finishing it
            try (Statement st = work.createStatement()) {
                st.execute("set client_connection_check_interval = '1s'");
            } catch (SQLException e) {
                listener.debug("client_connection_check_interval is not available here: " + e.getMessage());
            }
        }
        try (Statement st = work.createStatement()) {
            st.execute("set search_path to " + Sql.ident(config.schema()) + ", public");
            if (lockTimeout != null) {
                st.execute("set lock_timeout = " + millis(lockTimeout));
            }
            if (statementTimeout != null) {
                st.execute("set statement_timeout = " + millis(statementTimeout));
            }
        }
    }

    private static String millis(Duration d) {
        return "'" + d.toMillis() + "ms'";
    }

    private static int serverMajor(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseMajorVersion();
    }

    private RunResult finish(String command, List<Step> steps, List<Problem> problems, List<String> notes,
                             Connection work) throws SQLException {
        if (!work.getAutoCommit()) {
            work.setAutoCommit(true);
        }
        DatabaseState after = tracking.readVersion(work);
        return new RunResult(command, config.schema(), steps, problems, notes, after.version(), after.dirty(), "");
    }
}
