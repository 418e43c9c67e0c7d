package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.VerifyResult;
import dev.dbmigrations.engine.execute.CatalogSnapshot;
import dev.dbmigrations.engine.execute.CatalogWatch;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.ScratchDatabase;
import dev.dbmigrations.engine.execute.Sql;
import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.ReactorPlanner;
import dev.dbmigrations.engine.plan.ServicePlan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code migrations:verify}: every migration of the services replayed on a scratch database (never the
 * target), in plan order, and proven: the up applies, the down applies and gives back the catalog of
 * before the up, and the up applies again to the same catalog. See docs/verify.md.
 */
final class VerifyCommand {

    private VerifyCommand() {
    }

    /** {@code full}: up, down, catalog, up again, trace; {@code syntax}: every up once, for exact syntax and names, fast. */
    enum Mode { FULL, SYNTAX }

    static VerifyResult run(List<Service> targets, String devUrl) {
        return run(targets, devUrl, Mode.FULL);
    }

    static VerifyResult run(List<Service> targets, String devUrl, Mode mode) {
        MigrationsListener listener = targets.get(0).listener;
        try (ScratchDatabase scratch = ScratchDatabase.open(targets.get(0).config, devUrl, listener, "Verifying")) {
            List<Service> services = targets.stream().map(s -> new Service(onScratch(s.config, scratch.url()))).toList();
            empty(services);
            try {
                return replay(services, scratch.describe(), listener, mode);
            } finally {
                empty(services);
            }
        }
    }

    static MigrationsConfig onScratch(MigrationsConfig c, String url) {
        // a fresh database: older migrations may run after newer ones of other services
        // each step runs three times: its own log lines are detail, the line per migration is what is said
        return c.toBuilder().url(url).outOfOrder(true).listener(c.listener().quieter()).build();
    }

    /** The services' schemas (and golang-migrate tables kept elsewhere) removed from the scratch database. */
    static void empty(List<Service> services) {
        try (Connection c = services.get(0).database.connect("verify"); Statement st = c.createStatement()) {
            for (Service s : services) {
                st.execute("drop schema if exists " + Sql.ident(s.schema()) + " cascade");
                st.execute("drop table if exists " + s.tracking.golangTable());
            }
        } catch (SQLException e) {
            throw services.get(0).failure("Emptying the scratch database", e);
        }
    }

    private static VerifyResult replay(List<Service> services, String where, MigrationsListener listener, Mode mode) {
        Sessions.Outcome o = Sessions.open(services, "verify", services.get(0).config.lockTimeout());
        if (o.sessions() == null) {
            List<Problem> problems = new ArrayList<>();
            o.refused().forEach(r -> problems.addAll(r.problems()));
            return new VerifyResult(where, List.of(), problems, List.of());
        }
        try (Sessions sessions = o.sessions();
             CatalogWatch watch = CatalogWatch.open(services.get(0).database.connect("verify"), mode == Mode.FULL)) {
            if (mode == Mode.FULL && !watch.incremental()) {
                listener.debug("The scratch database's user may not create event triggers: verify reads the whole"
                        + " schema after every step");
            }
            return replayOpen(sessions.services(), where, listener, mode, watch);
        } catch (SQLException e) {
            throw Sessions.failure(services, "verify", e);
        }
    }

    private static VerifyResult replayOpen(List<Sessions.Open> open, String where, MigrationsListener listener, Mode mode,
                                           CatalogWatch watch) throws SQLException {
        Map<String, Sessions.Open> byService = new LinkedHashMap<>();
        Map<String, StepRunner> runners = new LinkedHashMap<>();
        List<ServicePlan> plans = new ArrayList<>();
        for (Sessions.Open x : open) {
            ServicePlan sp = x.service().plan(x.set(), x.state());
            plans.add(sp);
            byService.put(x.service().name(), x);
            runners.put(x.service().name(), new StepRunner(x.work(), x.service().tracking,
                    new TreeSet<>(x.state().applied().keySet()), Service.major(x.work()), x.service().config.password(),
                    x.service().listener, sp::requires));
        }
        Plan plan = ReactorPlanner.up(plans, new DatabaseGraph(open.get(0).work()), true, null, null);
        List<Problem> problems = new ArrayList<>(plan.problems());
        List<Problem> warnings = new ArrayList<>();
        List<VerifyResult.Migration> done = new ArrayList<>();
        // each service's catalog after its last proven migration: the next one's "before", read once
        Map<String, CatalogSnapshot> catalogs = new LinkedHashMap<>();
        // each service's schema as the lint knows it (column types, ...), carried along the steps
        Map<String, dev.dbmigrations.engine.lint.Catalog> lintCatalogs = new LinkedHashMap<>();
        int index = 0;
        for (Plan.PlannedStep step : plan.problems().isEmpty() ? plan.steps() : List.<Plan.PlannedStep>of()) {
            Sessions.Open x = byService.get(step.service());
            VerifyResult.Migration m = mode == Mode.SYNTAX
                    ? upOnce(x, runners.get(step.service()), step, ++index, plan.steps().size(), problems)
                    : prove(x, runners.get(step.service()), step, ++index, plan.steps().size(), problems, warnings, catalogs,
                    lintCatalogs, watch);
            m.trace().forEach(t -> listener.debug(m.id() + " " + t));
            done.add(m);
            listener.info("[" + index + "/" + plan.steps().size() + "] " + m.line());
            if (!m.up() || Boolean.FALSE.equals(m.down()) || Boolean.FALSE.equals(m.upAgain())) {
                break;  // the schema is no longer what the next migrations were written for
            }
        }
        if (problems.isEmpty() && plan.stop() != null) {
            problems.add(plan.stop());
        }
        return new VerifyResult(where, done, problems, warnings);
    }

    /** Up, down (catalog as before the up), up again (catalog as after the first up), for one migration. */
    private static VerifyResult.Migration prove(Sessions.Open x, StepRunner runner, Plan.PlannedStep up, int index,
                                                int total, List<Problem> problems, List<Problem> warnings,
                                                Map<String, CatalogSnapshot> catalogs,
                                                Map<String, dev.dbmigrations.engine.lint.Catalog> lintCatalogs,
                                                CatalogWatch watch) throws SQLException {
        long t0 = System.nanoTime();
        var mig = up.migration();
        String service = x.service().name();
        CatalogSnapshot before = catalogs.containsKey(x.service().name()) ? catalogs.get(x.service().name()) : snapshot(x, watch);
        LockTrace trace = LockTrace.before(watch.session(), x.service().schema());
        runner.observe(trace);
        StepRunner.Outcome first;
        try {
            first = runner.run(up, index, total);
        } finally {
            runner.observe(null);
        }
        if (first.problem() != null) {
            problems.add(as(Check.VERIFY_UP, first.problem(), "fix the up file: verify replays it on an empty database,"
                    + " after the migrations before it"));
            return new VerifyResult.Migration(service, mig.version(), mig.id(), false, null, null, null, millis(t0));
        }
        List<VerifyResult.Traced> traced = compare(x, mig, trace, warnings, lintCatalogs.computeIfAbsent(
                x.service().name(), k -> dev.dbmigrations.engine.lint.Catalog.before(x.set().migrations(), mig.version(), x.service().schema())));
        CatalogSnapshot after = snapshot(x, watch);
        catalogs.put(x.service().name(), after);
        if (!mig.reversible()) {
            warnings.add(Check.VERIFY_IRREVERSIBLE.at(mig.up().path(), 0, 0, mig.id() + " has no down file: its"
                    + " rollback cannot be proven", "write " + mig.id() + ".down.sql, or keep it irreversible on purpose"));
            return new VerifyResult.Migration(service, mig.version(), mig.id(), true, null, null, null, millis(t0)).withTrace(traced);
        }
        StepRunner.Outcome down = runner.run(new Plan.PlannedStep(service, mig, Direction.DOWN), index, total);
        if (down.problem() != null) {
            problems.add(as(Check.VERIFY_DOWN, down.problem(), "fix the down file: it runs right after its up"));
            return new VerifyResult.Migration(service, mig.version(), mig.id(), true, false, null, null, millis(t0)).withTrace(traced);
        }
        List<String> diff = before.diff(snapshot(x, watch));
        if (!diff.isEmpty()) {
            problems.add(Check.VERIFY_RESTORE.at(mig.down().path(), 0, 0, mig.id() + " down does not give back the"
                    + " catalog from before its up: " + describe(diff, "missing after the down", "left behind by the down"),
                    "make the down file undo exactly what the up file does"));
        }
        StepRunner.Outcome again = runner.run(up, index, total);
        if (again.problem() != null) {
            problems.add(as(Check.VERIFY_UP_AGAIN, again.problem(), "the up file must apply again after its down:"
                    + " make the down file drop everything the up file creates"));
            return new VerifyResult.Migration(service, mig.version(), mig.id(), true, true, diff.isEmpty(), false, millis(t0)).withTrace(traced);
        }
        CatalogSnapshot again2 = snapshot(x, watch);
        catalogs.put(x.service().name(), again2);
        List<String> second = after.diff(again2);
        if (!second.isEmpty()) {
            problems.add(Check.VERIFY_UP_AGAIN.at(mig.up().path(), 0, 0, mig.id() + " up gives another catalog the second"
                    + " time: " + describe(second, "only the first time", "only the second time"),
                    "make the down file undo exactly what the up file does"));
        }
        return new VerifyResult.Migration(service, mig.version(), mig.id(), true, true, diff.isEmpty(), second.isEmpty(),
                millis(t0)).withTrace(traced);
    }

    /** The syntax mode: the up runs once, as it would at deploy; a failure is placed by the server's position. */
    private static VerifyResult.Migration upOnce(Sessions.Open x, StepRunner runner, Plan.PlannedStep up, int index,
                                                 int total, List<Problem> problems) throws SQLException {
        long t0 = System.nanoTime();
        StepRunner.Outcome first = runner.run(up, index, total);
        if (first.problem() != null) {
            problems.add(as(Check.VERIFY_UP, first.problem(), "fix the up file: verify replays it on an empty database,"
                    + " after the migrations before it"));
        }
        return VerifyResult.Migration.upOnly(x.service().name(), up.migration().version(), up.migration().id(),
                first.problem() == null, millis(t0));
    }

    /** Rules whose finding says PostgreSQL rewrites the table. */
    static final java.util.Set<String> REWRITE_RULES = java.util.Set.of("adding-field-with-volatile-default",
            "ban-table-rewrite", "changing-column-type");

    /**
     * The traced rewrites of an up against the lint's prediction for the same statements: a rewrite of an
     * existing table that no rewrite rule predicted, and a predicted rewrite that did not happen, are
     * warnings. Returns the trace, one entry per statement that took a strong lock or rewrote anything.
     */
    private static List<VerifyResult.Traced> compare(Sessions.Open x, dev.dbmigrations.engine.source.Migration mig,
                                                     LockTrace trace, List<Problem> warnings,
                                                     dev.dbmigrations.engine.lint.Catalog catalog) {
        var upOnly = new dev.dbmigrations.engine.source.Migration(mig.version(), mig.versionText(), mig.name(),
                mig.environment(), mig.up(), null);
        boolean sessionLockTimeout = x.service().settings().policy(x.service().config.environment()).lockTimeout() != null;
        List<dev.dbmigrations.engine.lint.Finding> rewrites = new dev.dbmigrations.engine.lint.Linter(sessionLockTimeout)
                .lint(upOnly, dev.dbmigrations.engine.lint.Linter.ignores(upOnly), catalog).stream()
                .filter(f -> REWRITE_RULES.contains(f.ruleId())).toList();
        List<VerifyResult.Traced> seen = new ArrayList<>();
        for (LockTrace.Traced t : trace.statements()) {
            VerifyResult.Traced observed = t.observed();
            if (!t.locks().isEmpty() || !t.rewritten().isEmpty()) {
                seen.add(observed);
            }
            List<dev.dbmigrations.engine.lint.Finding> predicted = rewrites.stream()
                    .filter(f -> f.line() >= t.firstLine() && f.line() <= t.lastLine()).toList();
            if (!t.rewritten().isEmpty() && predicted.isEmpty()) {
                warnings.add(Check.TRACE_MISMATCH.at(mig.up().path(), t.firstLine(), t.statement().column(),
                        "PostgreSQL rewrote " + String.join(", ", t.rewritten()) + " here, holding " + (t.locks().isEmpty()
                                ? "its lock" : String.join(", ", t.locks().stream().map(l -> l + " (blocks "
                                + l.blocks() + ")").toList())) + ", and the lint predicted no rewrite",
                        "treat the statement as a table rewrite: on a large table it blocks the table for its whole run"));
            }
            for (dev.dbmigrations.engine.lint.Finding f : predicted) {
                if (t.rewritten().isEmpty()) {
                    warnings.add(Check.TRACE_MISMATCH.at(mig.up().path(), f.line(), f.column(), "the lint's " + f.ruleId()
                                    + " predicts a rewrite here, and PostgreSQL did not rewrite anything: the change is"
                                    + " catalog-only on this server",
                            "silence the finding with -- migrations:ignore " + f.ruleId() + " no rewrite, checked by verify"));
                }
            }
        }
        return seen;
    }

    private static CatalogSnapshot snapshot(Sessions.Open x, CatalogWatch watch) throws SQLException {
        Service s = x.service();
        return watch.snapshot(s.schema(), CatalogSnapshot.trackingObjects(s.schema(), s.config.table()));
    }

    /** The lines of a catalog diff as prose: what is only on the left, what only on the right. */
    private static String describe(List<String> diff, String left, String right) {
        List<String> l = diff.stream().filter(d -> d.startsWith("- ")).map(d -> d.substring(2)).toList();
        List<String> r = diff.stream().filter(d -> d.startsWith("+ ")).map(d -> d.substring(2)).toList();
        List<String> parts = new ArrayList<>();
        if (!l.isEmpty()) {
            parts.add(left + ": " + String.join("; ", l));
        }
        if (!r.isEmpty()) {
            parts.add(right + ": " + String.join("; ", r));
        }
        return String.join(". ", parts);
    }

    private static Problem as(Check check, Problem p, String fix) {
        return check.at(p.file(), p.line(), p.column(), p.message(), fix);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
