package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.FleetResult;
import dev.dbmigrations.engine.api.FleetTargets;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.ServerLogins;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.fleet.Discovery;
import dev.dbmigrations.engine.fleet.FleetRun;
import dev.dbmigrations.engine.api.FleetTarget;
import dev.dbmigrations.engine.source.Environments;
import dev.dbmigrations.engine.source.FleetSpec;
import dev.dbmigrations.engine.source.MigrationSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One service's migrations over the fleet of targets its environment names in environments.json
 * ({@code targets}; docs/fleet.md): {@code up}, {@code down} and {@code goto} walk the targets in
 * waves after a canary, each target through the same one-database run as {@link Migrations} (its own
 * lock, tracking, history, policy and backups); {@code status} reads them all. Nothing starts
 * anywhere while the folder, the policy or the list of targets is wrong.
 */
public final class Fleet {

    private final MigrationsConfig base;
    private final FleetSpec spec;
    private final ServerLogins logins;
    private final Set<String> only;
    private final Function<String, String> env;

    /**
     * A fleet of {@code base}'s environment; {@code only}, when not empty, narrows it to the targets of
     * those names (each must exist).
     */
    public Fleet(MigrationsConfig base, ServerLogins logins, Set<String> only) {
        this(base, logins, only, System::getenv);
    }

    Fleet(MigrationsConfig base, ServerLogins logins, Set<String> only, Function<String, String> env) {
        this.base = base;
        this.spec = spec(base);
        if (spec == null) {
            throw new IllegalArgumentException("environment " + base.environment() + " defines no targets");
        }
        this.logins = logins;
        this.only = only == null ? Set.of() : new LinkedHashSet<>(only);
        this.env = env;
    }

    /**
     * The targets of {@code config}'s environment, or null when a run of it reaches one database (no
     * {@code targets}, or an environments.json with problems: the one-database run refuses those).
     */
    static FleetSpec spec(MigrationsConfig config) {
        Environments envs = Environments.read(config.dir());
        if (!envs.problems().isEmpty() || !envs.unknown(config.environment()).isEmpty()) {
            return null;
        }
        return envs.policy(config.environment()).targets();
    }

    /**
     * Whether a run of {@code config}'s environment reaches a fleet: environments.json gives it
     * {@code targets}. False for a file with problems, which the one-database run refuses.
     */
    public static boolean isFleet(MigrationsConfig config) {
        return spec(config) != null;
    }

    /** The targets a run would reach, in order, or why they cannot be listed. */
    public FleetTargets targets() {
        Discovery d = new Discovery(spec, base, logins, env);
        FleetTargets found = d.discover();
        if (!found.ok()) {
            return found;
        }
        List<Problem> problems = new ArrayList<>();
        for (FleetTarget t : found.targets()) {
            // every login is known before any target starts
            try {
                config(d, t, MigrationsListener.SILENT);
            } catch (IllegalArgumentException e) {
                problems.add(Check.FLEET_TARGETS.at(spec.file(), spec.line(), 0, e.getMessage(),
                        "add the <server> to settings.xml"));
            }
        }
        List<FleetTarget> kept = found.targets();
        if (!only.isEmpty()) {
            Set<String> names = new LinkedHashSet<>(found.targets().stream().map(FleetTarget::name).toList());
            for (String name : only) {
                if (!names.contains(name)) {
                    problems.add(Check.FLEET_TARGETS.of("-Dmigrations.select names " + name + ", which is not a target of "
                            + base.environment() + " (" + names.size() + " target(s))",
                            "name a target as mvn migrations:targets -P" + base.environment() + " prints it"));
                }
            }
            kept = found.targets().stream().filter(t -> only.contains(t.name())).toList();
        }
        return problems.isEmpty() ? new FleetTargets(kept, List.of()) : new FleetTargets(List.of(), problems);
    }

    /** The one-database config of target {@code t} (a target of {@link #targets()}), for a goal that works on one database. */
    public MigrationsConfig config(FleetTarget t) {
        return config(new Discovery(spec, base, logins, env), t, base.listener());
    }

    /** The wave each of {@code n} targets runs in, in order: 0 for the canary, then 1, 2, ... */
    public List<Integer> waves(int n) {
        List<Integer> out = new ArrayList<>();
        List<int[]> waves = FleetRun.waves(spec, n);
        for (int w = 0; w < waves.size(); w++) {
            for (int i = waves.get(w)[0]; i < waves.get(w)[1]; i++) {
                out.add(w);
            }
        }
        return out;
    }

    /** The one-database config of target {@code t}: its URL, schema and login, its backups in a folder of its own. */
    private MigrationsConfig config(Discovery d, FleetTarget t, MigrationsListener listener) {
        MigrationsConfig c = d.configFor(t.url(), t.serverId(), t.schema());
        if (c == null) {
            throw new IllegalArgumentException("target " + t.name() + " takes the credentials of server '" + t.serverId()
                    + "', which settings.xml does not have");
        }
        return c.toBuilder().target(t.name()).listener(listener)
                .backupDir(base.backupDir().resolve(FleetTarget.fileSafe(t.name()))).build();
    }

    public FleetResult up(Integer count, Long target) {
        return run("up", m -> m.up(count, target));
    }

    public FleetResult down(Integer count, Long target) {
        return run("down", m -> m.down(count, target));
    }

    public FleetResult gotoVersion(long version) {
        return run("goto", m -> m.gotoVersion(version));
    }

    private FleetResult run(String command, Function<Migrations, RunResult> fn) {
        long start = System.nanoTime();
        List<Problem> refused = preflight(command);
        if (!refused.isEmpty()) {
            return new FleetResult(command, base.environment(), List.of(), refused, millis(start));
        }
        FleetTargets found = targets();
        if (!found.ok()) {
            return new FleetResult(command, base.environment(), List.of(), found.problems(), millis(start));
        }
        Discovery d = new Discovery(spec, base, logins, env);
        base.listener().info("Fleet " + command + " on " + base.environment() + ": " + found.targets().size()
                + " target(s), canary " + Math.min(spec.canary(), found.targets().size()) + ", parallelism "
                + spec.parallelism() + ", on failure " + (spec.continueOnFailure() ? "continue" : "stop"));
        List<FleetResult.TargetResult> results = new FleetRun(spec, base.listener()).run(command, found.targets(),
                (t, listener) -> fn.apply(new Migrations(config(d, t, listener))));
        return new FleetResult(command, base.environment(), results, List.of(), millis(start));
    }

    /**
     * {@code up} of a reactor of services over their fleet: per target database, one plan over every
     * service, as {@link Reactor#up} makes it on one database, so that cross-service dependencies are
     * honoured in each. Every service's environment must name the same databases, in the same order;
     * the first service's canary, waves, parallelism and failure policy apply. Schema-per-tenant
     * fleets are one service's and are refused here.
     */
    public static FleetResult reactorUp(List<Fleet> fleets, Set<String> asked, Integer count) {
        return reactorRun("up", fleets, r -> r.up(count), asked);
    }

    /** {@code down} of a reactor of services over their fleet; see {@link #reactorUp}. */
    public static FleetResult reactorDown(List<Fleet> fleets, Set<String> asked, Integer count) {
        return reactorRun("down", fleets, r -> r.down(count), asked);
    }

    private static FleetResult reactorRun(String command, List<Fleet> fleets, Function<Reactor, List<RunResult>> fn,
                                          Set<String> asked) {
        long start = System.nanoTime();
        Fleet first = fleets.get(0);
        String environment = first.base.environment();
        List<Problem> problems = new ArrayList<>();
        for (Fleet f : fleets) {
            problems.addAll(f.preflight(command));
        }
        List<List<FleetTarget>> perService = new ArrayList<>();
        for (Fleet f : fleets) {
            if (!problems.isEmpty()) {
                break;
            }
            FleetTargets found = f.targets();
            problems.addAll(found.problems());
            perService.add(found.targets());
        }
        if (problems.isEmpty()) {
            List<String> names = perService.get(0).stream().map(t -> FleetTarget.database(t.url())).toList();
            for (int i = 0; i < fleets.size(); i++) {
                Fleet f = fleets.get(i);
                List<FleetTarget> own = perService.get(i);
                if (own.stream().anyMatch(t -> !t.schema().equals(f.base.schema()))) {
                    problems.add(Check.FLEET_TARGETS.at(f.spec.file(), f.spec.line(), 0, "the targets of "
                            + f.base.service() + " are schemas (one per tenant), and a reactor runs every service in"
                            + " its own schema of each database", "run that service's fleet on its own: mvn -pl <module>"
                            + " migrations:" + command + " -P" + environment));
                } else if (!own.stream().map(t -> FleetTarget.database(t.url())).toList().equals(names)) {
                    problems.add(Check.FLEET_TARGETS.at(f.spec.file(), f.spec.line(), 0, f.base.service() + " and "
                            + first.base.service() + " name different databases in " + environment + " (" + own.size()
                            + " and " + names.size() + " targets), and a reactor runs one plan per database",
                            "give every service of the reactor the same targets (the same urls or discovery query), or run"
                                    + " each service's fleet on its own with mvn -pl <module>"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new FleetResult(command, environment, List.of(), problems, millis(start));
        }
        List<FleetTarget> targets = perService.get(0);
        first.base.listener().info("Fleet " + command + " of " + fleets.size() + " services on " + environment + ": "
                + targets.size() + " database(s), canary " + Math.min(first.spec.canary(), targets.size())
                + ", parallelism " + first.spec.parallelism() + ", on failure "
                + (first.spec.continueOnFailure() ? "continue" : "stop"));
        List<Discovery> discoveries = fleets.stream().map(f -> new Discovery(f.spec, f.base, f.logins, f.env)).toList();
        List<FleetResult.TargetResult> results = new FleetRun(first.spec, first.base.listener()).run(command, targets,
                (t, listener) -> {
                    int index = targets.indexOf(t);
                    List<MigrationsConfig> configs = new ArrayList<>();
                    for (int i = 0; i < fleets.size(); i++) {
                        configs.add(fleets.get(i).config(discoveries.get(i), perService.get(i).get(index), listener));
                    }
                    return merged(command, fn.apply(new Reactor(configs, asked)));
                });
        return new FleetResult(command, environment, results, List.of(), millis(start));
    }

    /** The services' results on one database as one: every step, problem and note; the version of none. */
    private static RunResult merged(String command, List<RunResult> results) {
        List<dev.dbmigrations.engine.api.Step> steps = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean dirty = false;
        for (RunResult r : results) {
            steps.addAll(r.steps());
            problems.addAll(r.problems());
            r.notes().forEach(n -> notes.add(r.schema() + ": " + n));
            dirty |= r.dirtyAfter();
        }
        return new RunResult(command, results.isEmpty() ? "" : results.get(0).schema(), steps, problems, notes,
                RunResult.UNKNOWN, dirty, "");
    }

    /** What stops the fleet before any target: the folder and its policy files, read once as each target would. */
    private List<Problem> preflight(String command) {
        if (base.dryRun()) {
            return List.of(Check.FLEET_ONE_TARGET.of("a dry run shows the SQL of one database, and environment "
                    + base.environment() + " reaches a fleet", "add -Dmigrations.select=<target> (mvn migrations:targets"
                    + " -P" + base.environment() + " lists them)"));
        }
        Service s = new Service(base.toBuilder().listener(MigrationsListener.SILENT).build());
        MigrationSet set = s.read(command);
        return Sessions.refusals(s, set);
    }

    /**
     * Every target's version, read in parallel; no lock is taken and nothing is created. A target's
     * {@code steps} here is how many migrations are pending on it.
     */
    public FleetResult status() {
        long start = System.nanoTime();
        FleetTargets found = targets();
        if (!found.ok()) {
            return new FleetResult("status", base.environment(), List.of(), found.problems(), millis(start));
        }
        Discovery d = new Discovery(spec, base, logins, env);
        List<FleetTarget> targets = found.targets();
        List<FleetResult.TargetResult> out = FleetRun.each(targets, spec.parallelism(), t -> statusOf(d, t));
        return new FleetResult("status", base.environment(), out, List.of(), millis(start));
    }

    private FleetResult.TargetResult statusOf(Discovery d, FleetTarget t) {
        long start = System.nanoTime();
        try {
            StatusResult s = new Migrations(config(d, t, MigrationsListener.SILENT)).status();
            return new FleetResult.TargetResult(t.name(), t.schema(), 0, s.ok() ? FleetResult.Outcome.UNCHANGED
                    : FleetResult.Outcome.FAILED, s.initialised() ? s.version() : -1, s.dirty(), (int) s.pendingCount(),
                    millis(start), s.problems(), List.of());
        } catch (MigrationsException e) {
            return new FleetResult.TargetResult(t.name(), t.schema(), 0, FleetResult.Outcome.FAILED, RunResult.UNKNOWN,
                    false, 0, millis(start), List.of(Check.RUN_FAILED.of(e.getMessage(), "check that the server of "
                    + t.name() + " is up")), List.of());
        }
    }

    /** The status of a fleet grouped by version: how many targets stand at each, dirty and unreachable ones named. */
    public static List<String> statusText(FleetResult r) {
        List<String> out = new ArrayList<>();
        java.util.Map<String, List<FleetResult.TargetResult>> groups = new java.util.LinkedHashMap<>();
        // the newest version first, unreachable targets last
        List<FleetResult.TargetResult> ordered = new ArrayList<>(r.targets());
        ordered.sort(java.util.Comparator.comparingLong((FleetResult.TargetResult t) -> t.versionAfter()).reversed()
                .thenComparing(FleetResult.TargetResult::dirtyAfter).thenComparingInt(FleetResult.TargetResult::steps));
        for (FleetResult.TargetResult t : ordered) {
            String key = t.versionAfter() == RunResult.UNKNOWN ? "unreachable"
                    : (t.versionAfter() < 0 ? "no version" : "version " + t.versionAfter()) + (t.dirtyAfter() ? ", dirty" : "")
                    + (t.steps() > 0 ? ", " + t.steps() + " pending" : ", up to date");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        out.add("Fleet status on " + r.environment() + ": " + r.targets().size() + " target(s) in " + groups.size()
                + " group(s)");
        groups.forEach((key, ts) -> {
            boolean name = key.contains("dirty") || key.equals("unreachable") || ts.size() <= 5;
            out.add(String.format(java.util.Locale.ROOT, "  %5d  %s%s", ts.size(), key, name ? ": " + String.join(", ",
                    ts.stream().limit(20).map(FleetResult.TargetResult::name).toList()) + (ts.size() > 20 ? ", ..." : "") : ""));
        });
        for (FleetResult.TargetResult t : r.targets()) {
            if (t.dirtyAfter()) {
                out.add("  " + t.name() + " is dirty: rerun the command that stopped (it resumes a dirty up), or see"
                        + " docs/fleet.md#failures-and-resumption");
            } else if (!t.problems().isEmpty()) {
                out.add("  " + t.name() + ": " + t.problems().get(0).format());
            }
        }
        return out;
    }

    /** The fleet's summary for the log: counts, then the table of targets. */
    public static List<String> summary(FleetResult r) {
        return FleetRun.summary(r);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
