package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.DocsResult;
import dev.dbmigrations.engine.api.DriftResult;
import dev.dbmigrations.engine.api.GenerateRequest;
import dev.dbmigrations.engine.api.GenerateResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.api.VerifyResult;
import dev.dbmigrations.engine.generate.Generator;
import dev.dbmigrations.engine.generate.MigrationDocs;
import dev.dbmigrations.engine.lint.Validator;
import dev.dbmigrations.engine.plan.Planner;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.SumFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's one entry point: a {@link MigrationsConfig} in, one method per command, a result out.
 * Each command that touches the database is a class of its own over the service's run context
 * ({@link Service}); {@code up}, {@code down} and {@code goto} are one {@link PlanCommand}, the same
 * that {@link Reactor} runs over several services. User errors come back as {@link Problem}s in the
 * result and leave the database unchanged; only a failing environment (no connection, lock timeout)
 * throws {@link MigrationsException}.
 */
public final class Migrations {

    private final MigrationsConfig config;
    private final Service service;

    public Migrations(MigrationsConfig config) {
        this.config = config;
        this.service = new Service(config);
    }

    /**
     * Starts loading the PostgreSQL driver in the background, for a caller that will connect soon (a
     * goal that works on the database calls it first thing); returns at once.
     */
    public static void warmUp() {
        dev.dbmigrations.engine.execute.Database.warmUp();
    }

    public MigrationsConfig config() {
        return config;
    }

    /** The run context, for a {@link Reactor} of several services. */
    Service service() {
        return service;
    }

    /** Creates the schema and tracking tables; adopts an existing golang-migrate table. */
    public RunResult init() {
        return Sessions.runLocked(service, "init", (work, set, state, notes) ->
                service.finish("init", List.of(), List.of(), notes, work));
    }

    /** Applies pending migrations: all, {@code count} of them, or up to {@code target} (nullable). */
    public RunResult up(Integer count, Long target) {
        return plan("up", planner -> planner.up(count, target));
    }

    /** Rolls back {@code count} migrations (default 1), or down to {@code target} (kept applied). */
    public RunResult down(Integer count, Long target) {
        return plan("down", planner -> planner.down(count, target));
    }

    /** Moves to {@code version} (0 or -1: nothing applied): rolls back what is above it, applies what is pending up to it. */
    public RunResult gotoVersion(long version) {
        return plan("goto", planner -> planner.goTo(version));
    }

    private RunResult plan(String command, DryRunCommand.PlanFn fn) {
        if (config.dryRun()) {
            return new DryRunCommand(service).run(command, fn);
        }
        return PlanCommand.run(List.of(service), command, config.lockTimeout(), (plans, graph) ->
                fn.plan(new Planner(plans.get(0), graph, config.outOfOrder(), config.cascade()))).get(0);
    }

    /**
     * Runs the seed files of the environment ({@code seeds/*.sql}, then {@code seeds/<environment>/*.sql})
     * that are new or changed since they last ran, or all of them with {@code reseed}; each in one
     * transaction. Refuses while migrations are pending or the database is dirty. A dry run lists what would run.
     */
    public RunResult seed(boolean reseed) {
        return new SeedCommand(service).run(reseed);
    }

    /** Dumps the service schema with pg_dump into {@code file}, or a new file in the backup folder when null. */
    public RunResult backup(Path file) {
        return new BackupCommand(service).run(file);
    }

    /** Replaces the service schema with the backup in {@code file}, in one transaction; {@code confirm} is the schema name. */
    public RunResult restore(Path file, String confirm) {
        return new RestoreCommand(service).run(file, confirm);
    }

    /** golang-migrate's force: the database is declared to be at {@code version} (-1 for none), dirty cleared. */
    public RunResult force(long version) {
        return new ForceCommand(service).run(version);
    }

    /** Records every migration up to {@code version} as applied without running it, on a database that predates the tool. */
    public RunResult baseline(long version) {
        return new BaselineCommand(service).run(version);
    }

    /** Accepts the current files of applied migrations whose checksums changed. */
    public RunResult repair() {
        return new RepairCommand(service).run();
    }

    /**
     * Drops the service's schema with everything in it, and golang-migrate's table where it lives
     * elsewhere: only in the development environment, and only with {@code confirm} equal to the schema.
     */
    public RunResult clean(String confirm) {
        return new CleanCommand(service).run(confirm);
    }

    /**
     * Replays every migration on a scratch database ({@code devUrl}, or a temporary database on the
     * configured server, never the target) and proves it: up, down back to the catalog of before, up
     * again to the same catalog. See docs/verify.md.
     */
    public VerifyResult verify(String devUrl) {
        return VerifyCommand.run(List.of(service), devUrl);
    }

    /** {@link #verify} in its syntax mode: every up once on the scratch database, for exact syntax and names, fast. */
    public VerifyResult verifySyntax(String devUrl) {
        return VerifyCommand.run(List.of(service), devUrl, VerifyCommand.Mode.SYNTAX);
    }

    /**
     * The live schema against a replay of its applied migrations on a scratch database: what was
     * added, dropped or changed by hand. Read-only on the target. See docs/verify.md.
     */
    public DriftResult drift(String devUrl) {
        return DriftCommand.run(List.of(service), devUrl);
    }

    /** Every migration with its state and what the deploy policy would ask of an up now; reads only, takes no lock. */
    public StatusResult status() {
        return new StatusCommand(service).run();
    }

    /** Every recorded attempt that {@code query} asks for, newest first; reads only, takes no lock, creates nothing. */
    public dev.dbmigrations.engine.api.HistoryResult history(dev.dbmigrations.engine.api.HistoryResult.Query query) {
        return new HistoryCommand(service).run(query);
    }

    /**
     * Offline validation of the folder: structure, dependencies.json, environments.json,
     * migrations.sum, SQL checks and risk rules, at {@code strictness} or, when null, the
     * environment's strictness from environments.json. Touches no database.
     */
    public ValidationResult validate(Strictness strictness) {
        ValidationResult r = Validator.validate(config.dir(), config.service(), config.schema(), config.environment(), strictness);
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
        MigrationSet set = service.read("hash");
        if (!set.ok()) {
            return set.problems();
        }
        try {
            SumFile.write(set);
            service.listener.info("Wrote " + set.dir().resolve(SumFile.FILE) + " (" + SumFile.entries(set).size() + " files)");
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
    public DocsResult docs(boolean check) {
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

}
