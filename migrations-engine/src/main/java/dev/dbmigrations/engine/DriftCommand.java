package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.DriftResult;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.execute.CatalogSnapshot;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.ScratchDatabase;
import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.plan.Applied;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.ReactorPlanner;
import dev.dbmigrations.engine.plan.ServicePlan;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code migrations:drift}: the live schema of each service against the schema a replay of its applied
 * migrations gives on a scratch database. Read-only on the target: one session that reads the
 * tracking tables and the catalog. See docs/verify.md ("Drift").
 */
final class DriftCommand {

    private DriftCommand() {
    }

    /** What the target says: the applied set, the catalog, and applied files that changed since. */
    private record Live(DatabaseState state, CatalogSnapshot catalog, List<String> edited) {
    }

    static DriftResult run(List<Service> targets, String devUrl) {
        Map<String, Live> live = new LinkedHashMap<>();
        for (Service s : targets) {
            live.put(s.name(), read(s));
        }
        MigrationsListener listener = targets.get(0).listener;
        try (ScratchDatabase scratch = ScratchDatabase.open(targets.get(0).config, devUrl, listener, "Replaying the applied migrations")) {
            List<Service> services = targets.stream()
                    .map(s -> new Service(VerifyCommand.onScratch(s.config, scratch.url()))).toList();
            VerifyCommand.empty(services);
            try {
                return replay(services, live, scratch.describe());
            } finally {
                VerifyCommand.empty(services);
            }
        }
    }

    private static Live read(Service s) {
        MigrationSet set = s.read("drift");
        try (Connection c = s.database.connect("drift")) {
            c.setReadOnly(true);
            DatabaseState state = s.tracking.read(c);
            CatalogSnapshot catalog = CatalogSnapshot.take(c, s.schema(),
                    CatalogSnapshot.trackingObjects(s.schema(), s.config.table()));
            List<String> edited = new ArrayList<>();
            for (Migration m : set.forEnvironment(s.config.environment())) {
                Applied a = state.applied().get(m.version());
                if (a != null && a.checksum() != null && !a.checksum().equals(m.up().checksum())) {
                    edited.add(m.id());
                }
            }
            return new Live(state, catalog, edited);
        } catch (SQLException e) {
            throw s.failure("Reading the schema of " + s.schema(), e);
        }
    }

    private static DriftResult replay(List<Service> services, Map<String, Live> live, String where) {
        Sessions.Outcome o = Sessions.open(services, "drift", services.get(0).config.lockTimeout());
        if (o.sessions() == null) {
            List<Problem> problems = new ArrayList<>();
            o.refused().forEach(r -> problems.addAll(r.problems()));
            return new DriftResult(where, List.of(), problems);
        }
        try (Sessions sessions = o.sessions()) {
            return replayOpen(sessions.services(), live, where);
        } catch (SQLException e) {
            throw Sessions.failure(services, "drift", e);
        }
    }

    private static DriftResult replayOpen(List<Sessions.Open> open, Map<String, Live> live, String where)
            throws SQLException {
        List<ServicePlan> plans = new ArrayList<>();
        Map<String, Sessions.Open> byService = new LinkedHashMap<>();
        Map<String, StepRunner> runners = new LinkedHashMap<>();
        for (Sessions.Open x : open) {
            String name = x.service().name();
            var applied = live.get(name).state().applied().keySet();
            List<Migration> replayed = x.set().forEnvironment(x.service().config.environment()).stream()
                    .filter(m -> applied.contains(m.version())).toList();
            ServicePlan sp = new ServicePlan(name, replayed, x.state(), x.service().settings().dependencies());
            plans.add(sp);
            byService.put(name, x);
            runners.put(name, new StepRunner(x.work(), x.service().tracking, new TreeSet<>(), Service.major(x.work()),
                    x.service().config.password(), x.service().listener, sp::requires));
        }
        Plan plan = ReactorPlanner.up(plans, new DatabaseGraph(open.get(0).work()), true, null, null);
        List<Problem> problems = new ArrayList<>(plan.problems());
        int index = 0;
        for (Plan.PlannedStep step : plan.problems().isEmpty() ? plan.steps() : List.<Plan.PlannedStep>of()) {
            StepRunner.Outcome outcome = runners.get(step.service()).run(step, ++index, plan.steps().size());
            if (outcome.problem() != null) {
                problems.add(outcome.problem());
                return new DriftResult(where, List.of(), problems);
            }
        }
        if (plan.stop() != null) {
            problems.add(plan.stop());
        }
        List<DriftResult.Service> out = new ArrayList<>();
        for (Sessions.Open x : open) {
            Service s = x.service();
            Live l = live.get(s.name());
            CatalogSnapshot replayed = CatalogSnapshot.take(x.work(), s.schema(),
                    CatalogSnapshot.trackingObjects(s.schema(), s.config.table()));
            List<String> diff = replayed.diff(l.catalog());
            List<String> added = diff.stream().filter(d -> d.startsWith("+ ")).map(d -> d.substring(2)).toList();
            List<String> missing = diff.stream().filter(d -> d.startsWith("- ")).map(d -> d.substring(2)).toList();
            out.add(new DriftResult.Service(s.name(), s.schema(), l.state().applied().size(), added, missing, l.edited()));
            if (!added.isEmpty() || !missing.isEmpty()) {
                problems.add(Check.DRIFT.of("schema " + s.schema() + " has drifted from its " + l.state().applied().size()
                                + " applied migration(s): " + (added.isEmpty() ? "" : "in the database only: "
                                + String.join("; ", added)) + (added.isEmpty() || missing.isEmpty() ? "" : ". ")
                                + (missing.isEmpty() ? "" : "in the migrations only: " + String.join("; ", missing)),
                        "write a migration for what was changed by hand, or undo the change in the database")
                        .forService(s.name()));
            }
        }
        return new DriftResult(where, out, problems);
    }
}
