package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.DepsResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Secrets;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.execute.Database;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.SchemaLock;
import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.ReactorPlanner;
import dev.dbmigrations.engine.plan.ServicePlan;
import dev.dbmigrations.engine.report.DependencyGraph;
import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.MigrationSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Several services sharing one database, run as one plan: {@code up} interleaves services where a
 * migration needs another service's; {@code down} refuses to roll back what an applied migration of
 * any service requires, or with cascade rolls the dependants back first. The configs share URL and
 * credentials; the first one's listener, environment, lock timeout and flags apply to the run.
 */
public final class Reactor {

    private final List<Migrations> services;
    private final MigrationsConfig lead;
    private final MigrationsListener listener;

    /** The services whose own migrations a down rolls back; null: all. The others only take part in a cascade. */
    private final java.util.Set<String> asked;

    public Reactor(List<MigrationsConfig> configs) {
        this(configs, null);
    }

    /**
     * A reactor of {@code configs} where {@code down} rolls back only the newest migrations of the
     * services in {@code asked} (null: all), and the other services take part so that a cascade can
     * roll their dependants back first.
     */
    public Reactor(List<MigrationsConfig> configs, java.util.Set<String> asked) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("a reactor run needs at least one service");
        }
        this.services = configs.stream().map(Migrations::new).toList();
        this.lead = configs.get(0);
        this.listener = lead.listener();
        this.asked = asked == null ? null : java.util.Set.copyOf(asked);
    }

    /** The service that owns {@code schema} in this reactor, or null. */
    public String serviceOfSchema(String schema) {
        return services.stream().map(Migrations::config).filter(c -> c.schema().equals(schema))
                .map(MigrationsConfig::service).findFirst().orElse(null);
    }

    /** Applies what is pending in every service, in one order that satisfies every dependency. */
    public List<RunResult> up(Integer count) {
        return run("up", (plans, graph) -> ReactorPlanner.up(plans, graph, lead.outOfOrder(), count, null));
    }

    /** Rolls back the newest {@code count} (default 1) migrations of every service, dependants first with cascade. */
    public List<RunResult> down(Integer count) {
        return run("down", (plans, graph) -> ReactorPlanner.down(plans, graph, count, null, lead.cascade(), asked));
    }

    /** The dependency graph of these services, read from their folders; no database. */
    public DepsResult deps() {
        return DependencyGraph.of(services.stream().map(m -> {
            MigrationSet set = m.readFolder("deps");
            return new DependencyGraph.Service(m.config().service(), set, Dependencies.read(m.config().dir(), set.migrations()));
        }).toList());
    }

    /**
     * The names of {@code selected} and of the services they require, transitively, among {@code configs}
     * (for {@code -Dmigrations.service=... -Dmigrations.withDependencies=true}).
     */
    public static java.util.Set<String> withRequired(java.util.Set<String> selected, List<MigrationsConfig> configs) {
        return DependencyGraph.withRequired(selected, configs.stream().map(c -> {
            MigrationSet set = dev.dbmigrations.engine.source.MigrationReader.read(c.dir());
            return new DependencyGraph.Service(c.service(), set, Dependencies.read(c.dir(), set.migrations()));
        }).toList());
    }

    private interface PlanFn {
        Plan plan(List<ServicePlan> plans, DatabaseGraph graph);
    }

    private List<RunResult> run(String command, PlanFn planFn) {
        List<MigrationSet> sets = new ArrayList<>();
        List<RunResult> refused = new ArrayList<>();
        Connection firstConnection;
        try (Database.Pending pending = services.get(0).database().connectInBackground(command)) {
            for (Migrations m : services) {
                MigrationSet set = m.readFolder(command);
                sets.add(set);
                List<Problem> broken = set.ok() ? m.readSettings(set) : set.problems();
                if (!broken.isEmpty()) {
                    refused.add(new RunResult(command, m.config().schema(), List.of(), broken, List.of(), -1, false, ""));
                }
            }
            if (!refused.isEmpty()) {
                return refused;
            }
            firstConnection = pending.take();
        }
        List<Connection> open = new ArrayList<>();
        List<SchemaLock> locks = new ArrayList<>();
        Map<Migrations, Connection> sessions = new java.util.IdentityHashMap<>();
        open.add(firstConnection);
        sessions.put(services.get(0), firstConnection);
        try {
            for (Migrations m : services.subList(1, services.size())) {
                Connection c = m.database().connect(command);
                open.add(c);
                sessions.put(m, c);
            }
            // every schema's lock on the session that runs its statements (a killed run keeps it until its
            // statement ends), taken in name order so that two reactor runs never deadlock
            List<Migrations> bySchema = new ArrayList<>(services);
            bySchema.sort(Comparator.comparing(m -> m.config().schema()));
            for (Migrations m : bySchema) {
                SchemaLock lock = new SchemaLock(sessions.get(m), m.config().schema());
                lock.acquire(lead.lockTimeout(), listener);
                locks.add(lock);
            }
            Map<String, Connection> work = new LinkedHashMap<>();
            Map<String, Migrations> byService = new LinkedHashMap<>();
            List<ServicePlan> plans = new ArrayList<>();
            Map<String, List<String>> notes = new LinkedHashMap<>();
            List<RunResult> results = new ArrayList<>();
            Map<String, Migrations.Resume> resumes = new LinkedHashMap<>();
            for (int i = 0; i < services.size(); i++) {
                Migrations m = services.get(i);
                Connection c = sessions.get(m);
                Migrations.Prepared p = m.prepare(c, sets.get(i));
                if (!p.problems().isEmpty()) {
                    results.add(new RunResult(command, m.config().schema(), List.of(), p.problems(), p.notes(), -1,
                            false, ""));
                    continue;
                }
                work.put(m.config().service(), c);
                byService.put(m.config().service(), m);
                notes.put(m.config().service(), new ArrayList<>(p.notes()));
                Migrations.Resume resume = command.equals("up") ? m.resume(c, sets.get(i), p.state(),
                        notes.get(m.config().service())) : new Migrations.Resume(p.state(), -1, 0);
                resumes.put(m.config().service(), resume);
                plans.add(m.plan(sets.get(i), resume.state()));
            }
            if (!results.isEmpty()) {
                return results;
            }
            Plan plan = planFn.plan(plans, new DatabaseGraph(work.values().iterator().next()));
            List<Problem> refusals = plan.problems().isEmpty() ? Migrations.unsound(plan) : plan.problems();
            if (!refusals.isEmpty()) {
                Map<String, List<Problem>> per = new LinkedHashMap<>();
                byService.keySet().forEach(k -> per.put(k, new ArrayList<>()));
                for (Problem pr : refusals) {
                    String owner = byService.values().stream().filter(m -> belongs(pr, m)).map(m -> m.config().service())
                            .findFirst().orElse(byService.keySet().iterator().next());
                    per.get(owner).add(pr);
                }
                for (Map.Entry<String, Migrations> e : byService.entrySet()) {
                    results.add(e.getValue().result(command, List.of(), per.get(e.getKey()), notes.get(e.getKey()),
                            work.get(e.getKey())));
                }
                return results;
            }
            // what the environments' policies ask (windows, approvals, backups), before anything of the plan runs
            for (Map.Entry<String, Migrations> e : byService.entrySet()) {
                List<Plan.PlannedStep> own = plan.steps().stream().filter(st -> st.service().equals(e.getKey())).toList();
                ServicePlan sp = plans.stream().filter(x -> x.service().equals(e.getKey())).findFirst().orElseThrow();
                List<Problem> held = e.getValue().deployPolicy(work.get(e.getKey()), sp.state(), own);
                if (!held.isEmpty()) {
                    // nothing of the plan runs: every service says so, the held one with why
                    for (Map.Entry<String, Migrations> o : byService.entrySet()) {
                        List<String> n = new ArrayList<>(notes.get(o.getKey()));
                        if (!o.getKey().equals(e.getKey())) {
                            n.add("Not run: " + e.getKey() + " is held by its " + o.getValue().config().environment()
                                    + " policy, and the reactor runs one plan");
                        }
                        results.add(o.getValue().result(command, List.of(), o.getKey().equals(e.getKey()) ? held : List.of(),
                                n, work.get(o.getKey())));
                    }
                    return results;
                }
            }
            Map<String, StepRunner> runners = new LinkedHashMap<>();
            Map<String, List<Step>> steps = new LinkedHashMap<>();
            Map<String, List<Problem>> problems = new LinkedHashMap<>();
            for (ServicePlan sp : plans) {
                Migrations m = byService.get(sp.service());
                Connection c = work.get(sp.service());
                StepRunner runner = new StepRunner(c, m.tracking(), new TreeSet<>(sp.state().applied().keySet()),
                        Migrations.major(c), m.config().password(), listener, sp::requires);
                Migrations.Resume resume = resumes.get(sp.service());
                if (resume.version() >= 0) {
                    runner.resume(resume.version(), resume.done());
                }
                runners.put(sp.service(), runner);
                steps.put(sp.service(), new ArrayList<>());
                problems.put(sp.service(), new ArrayList<>());
            }
            int index = 0;
            boolean failed = false;
            for (Plan.PlannedStep step : plan.steps()) {
                listener.debug("reactor step " + step.ref());
                StepRunner.Outcome outcome = runners.get(step.service()).run(step, ++index, plan.steps().size());
                steps.get(step.service()).add(outcome.step());
                if (outcome.problem() != null) {
                    problems.get(step.service()).add(outcome.problem());
                    failed = true;
                    break;
                }
            }
            if (!failed && plan.stop() != null) {
                String owner = byService.values().stream().filter(m -> belongs(plan.stop(), m))
                        .map(m -> m.config().service()).findFirst().orElse(byService.keySet().iterator().next());
                problems.get(owner).add(plan.stop());
            }
            if (plan.steps().isEmpty() && plan.stop() == null) {
                notes.values().iterator().next().add("Every service is up to date: nothing to " + command);
            }
            for (Map.Entry<String, Migrations> e : byService.entrySet()) {
                results.add(e.getValue().result(command, steps.get(e.getKey()), problems.get(e.getKey()),
                        notes.get(e.getKey()), work.get(e.getKey())));
            }
            return results;
        } catch (SQLException e) {
            throw new MigrationsException("Reactor " + command + " failed on " + lead.maskedUrl() + ": SQLSTATE "
                    + e.getSQLState() + " " + Secrets.scrub(e.getMessage(), lead.password()),
                    Secrets.scrubbed(e, lead.password()));
        } finally {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).close();
            }
            for (Connection c : open) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (SQLException ignored) {
                    // closing: nothing left to do
                }
            }
        }
    }

    /** A problem belongs to the service the planner said it does, or else to the one whose folder holds its file. */
    private static boolean belongs(Problem p, Migrations m) {
        if (p.service() != null) {
            return p.service().equals(m.config().service());
        }
        return p.file() != null && p.file().startsWith(m.config().dir());
    }
}
