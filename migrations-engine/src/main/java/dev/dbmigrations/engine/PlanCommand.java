package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.plan.Graph;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.ServicePlan;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code up}, {@code down} and {@code goto}, for one service or a reactor of several (one service is a
 * reactor of one): the sessions are opened and locked, a dirty up resumes, one plan is made over every
 * service, checked (sound SQL, each service's deploy policy) before anything runs, and run step by
 * step, each step on its service's session. Every service gets a result.
 */
final class PlanCommand {

    /** The plan of a command over the services' plans and the database's other services. */
    @FunctionalInterface
    interface PlanFn {
        Plan plan(List<ServicePlan> plans, Graph graph);
    }

    private PlanCommand() {
    }

    static List<RunResult> run(List<Service> services, String command, Duration lockTimeout, PlanFn planFn) {
        RunMonitor monitor = new RunMonitor(command);
        List<RunResult> results;
        try {
            Sessions.Outcome o = Sessions.open(services, command, lockTimeout);
            if (o.sessions() == null) {
                results = o.refused();
            } else {
                try (Sessions sessions = o.sessions()) {
                    monitor.lockWait(sessions.lockWaitMillis());
                    results = run(sessions.services(), command, planFn, monitor);
                } catch (SQLException e) {
                    throw Sessions.failure(services, command, e);
                }
            }
        } catch (RuntimeException e) {
            monitor.failed(services, e.getMessage());
            throw e;
        }
        // after the locks are released: files, the Pushgateway and webhooks never hold up another deploy
        monitor.publish(services, results);
        return results;
    }

    private static List<RunResult> run(List<Sessions.Open> open, String command, PlanFn planFn, RunMonitor monitor)
            throws SQLException {
        Map<String, Sessions.Open> byService = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        Map<String, Service.Resume> resumes = new LinkedHashMap<>();
        List<ServicePlan> plans = new ArrayList<>();
        for (Sessions.Open x : open) {
            String name = x.service().name();
            byService.put(name, x);
            notes.put(name, new ArrayList<>(x.prepared().notes()));
            // only a run that applies may resume a dirty up; a rollback of a dirty database is refused as dirty
            Service.Resume resume = command.equals("down") ? new Service.Resume(x.state(), -1, 0)
                    : x.service().resume(x.work(), x.set(), x.state(), notes.get(name));
            resumes.put(name, resume);
            plans.add(x.service().plan(x.set(), resume.state()));
        }
        Plan plan = planFn.plan(plans, new DatabaseGraph(open.get(0).work()));
        List<Problem> refusals = plan.problems().isEmpty() ? Service.unsound(plan) : plan.problems();
        if (!refusals.isEmpty()) {
            Map<String, List<Problem>> per = perService(refusals, open);
            return results(open, command, Map.of(), per, notes, monitor);
        }
        List<RunResult> held = policyGate(open, command, plan, notes, monitor);
        if (held != null) {
            return held;
        }
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        Map<String, List<Problem>> problems = new LinkedHashMap<>();
        execute(plan, plans, byService, resumes, steps, problems);
        // "Resumed ..." is the news only when the resumed migration went through; a statement that fails
        // again at once is told by its problem (the "Resuming" line at the start says what was tried)
        resumes.forEach((name, resume) -> {
            if (resume.version() >= 0 && steps.getOrDefault(name, List.of()).stream()
                    .noneMatch(st -> st.version() == resume.version() && st.success())) {
                notes.get(name).removeIf(n -> n.startsWith("Resumed "));
            }
        });
        if (problems.isEmpty() && plan.stop() != null) {
            problems.putAll(perService(List.of(plan.stop()), open));
        }
        if (plan.steps().isEmpty() && plan.stop() == null) {
            notes.values().iterator().next().add(open.size() == 1
                    ? "Schema " + open.get(0).service().schema() + " is up to date: nothing to " + command
                    : "Every service is up to date: nothing to " + command);
        }
        return results(open, command, steps, problems, notes, monitor);
    }

    /**
     * Each service's deploy policy over its own steps, before any step of the plan runs: null when all
     * let the plan run, else every service's result (the held one with why, the others with a note).
     */
    private static List<RunResult> policyGate(List<Sessions.Open> open, String command, Plan plan,
                                              Map<String, List<String>> notes, RunMonitor monitor) throws SQLException {
        for (Sessions.Open x : open) {
            String name = x.service().name();
            List<Plan.PlannedStep> own = plan.steps().stream().filter(st -> st.service().equals(name)).toList();
            List<Problem> held = x.service().deployPolicy(x.work(), x.state(), own, x.set());
            if (!held.isEmpty()) {
                for (Sessions.Open other : open) {
                    if (other != x) {
                        notes.get(other.service().name()).add("Not run: " + name + " is held by its "
                                + x.service().config.environment() + " policy, and the reactor runs one plan");
                    }
                }
                return results(open, command, Map.of(), Map.of(name, held), notes, monitor);
            }
        }
        return null;
    }

    /** The one step loop: each step on its service's session, stopping at the first that fails. */
    private static void execute(Plan plan, List<ServicePlan> plans, Map<String, Sessions.Open> byService,
                                Map<String, Service.Resume> resumes, Map<String, List<Step>> steps,
                                Map<String, List<Problem>> problems) throws SQLException {
        Map<String, StepRunner> runners = new LinkedHashMap<>();
        for (ServicePlan sp : plans) {
            Sessions.Open x = byService.get(sp.service());
            StepRunner runner = new StepRunner(x.work(), x.service().tracking, new TreeSet<>(sp.state().applied().keySet()),
                    Service.major(x.work()), x.service().config.password(), x.service().listener, sp::requires);
            Service.Resume resume = resumes.get(sp.service());
            if (resume.version() >= 0) {
                runner.resume(resume.version(), resume.done());
            }
            runners.put(sp.service(), runner);
            steps.put(sp.service(), new ArrayList<>());
        }
        int index = 0;
        for (Plan.PlannedStep step : plan.steps()) {
            StepRunner.Outcome outcome = runners.get(step.service()).run(step, ++index, plan.steps().size());
            steps.get(step.service()).add(outcome.step());
            if (outcome.problem() != null) {
                problems.put(step.service(), List.of(outcome.problem()));
                return;
            }
        }
    }

    /** Each problem to the service the planner says it belongs to, or whose folder holds its file; else the first. */
    private static Map<String, List<Problem>> perService(List<Problem> problems, List<Sessions.Open> open) {
        Map<String, List<Problem>> per = new LinkedHashMap<>();
        for (Problem p : problems) {
            String owner = open.stream().map(Sessions.Open::service).filter(s -> belongs(p, s)).map(Service::name)
                    .findFirst().orElse(open.get(0).service().name());
            per.computeIfAbsent(owner, k -> new ArrayList<>()).add(p);
        }
        return per;
    }

    private static boolean belongs(Problem p, Service s) {
        if (p.service() != null) {
            return p.service().equals(s.name());
        }
        return p.file() != null && p.file().startsWith(s.config.dir());
    }

    private static List<RunResult> results(List<Sessions.Open> open, String command, Map<String, List<Step>> steps,
                                           Map<String, List<Problem>> problems, Map<String, List<String>> notes,
                                           RunMonitor monitor) throws SQLException {
        List<RunResult> out = new ArrayList<>();
        for (Sessions.Open x : open) {
            String name = x.service().name();
            RunResult r = x.service().finish(command, steps.getOrDefault(name, List.of()),
                    problems.getOrDefault(name, List.of()), notes.get(name), x.work());
            monitor.read(x, r);
            out.add(r);
        }
        return out;
    }
}
