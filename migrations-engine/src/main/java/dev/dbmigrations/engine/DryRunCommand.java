package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.execute.BoundSql;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.Planner;
import dev.dbmigrations.engine.plan.ServicePlan;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.Script;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.StatementKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A dry run of {@code up}, {@code down} or {@code goto}: the plan and its SQL, with no lock and no change. */
final class DryRunCommand extends ServiceCommand {

    /** The plan of a single service's command. */
    @FunctionalInterface
    interface PlanFn {
        Plan plan(Planner planner);
    }

    /** How the script marks what the run writes into its own tables around the migration's SQL. */
    static final String BOOKKEEPING = "-- migrations:bookkeeping";

    DryRunCommand(Service service) {
        super(service);
    }

    RunResult run(String command, PlanFn planFn) {
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
            ServicePlan servicePlan = servicePlan(set, state);
            Plan plan = planFn.plan(new Planner(servicePlan, new DatabaseGraph(work), config.outOfOrder(),
                    config.cascade()));
            if (!plan.problems().isEmpty()) {
                return refused(command, plan.problems());
            }
            int major = serverMajor(work);
            StringBuilder script = new StringBuilder();
            script.append("-- dry run of migrations:").append(command).append(" on schema ").append(config.schema())
                    .append(" (").append(config.maskedUrl()).append("): ").append(plan.steps().size())
                    .append(" migration(s), nothing is changed\n")
                    .append("-- the statements a run sends, in its order; lines after \"").append(BOOKKEEPING.strip())
                    .append("\" are the tool's own rows (started_at is the\n-- time of the run, duration_ms 0 here);")
                    .append(" a run also takes the schema's advisory lock first\n");
            if (!tracking.complete(work)) {
                script.append("-- the tracking tables of schema ").append(config.schema()).append(" are not there yet (or are")
                        .append(" of an earlier release): a run creates them first; run migrations:init before applying")
                        .append(" this script by hand\n");
            }
            for (String setting : service.sessionSettings()) {
                script.append(setting).append(";\n");
            }
            List<Step> steps = new ArrayList<>();
            int i = 0;
            for (Plan.PlannedStep p : plan.steps()) {
                Script s = p.direction() == Direction.UP ? p.migration().up() : p.migration().down();
                RunModes.Resolved resolved = RunModes.resolve(s, major);
                RunMode mode = resolved.mode();
                script.append("\n-- [").append(++i).append('/').append(plan.steps().size()).append("] ")
                        .append(p.migration().id()).append(' ').append(p.direction().label()).append(" (")
                        .append(mode.label()).append(") from ").append(s.path()).append('\n');
                long version = p.migration().version();
                long after = versionAfter(plan, p, state);
                BoundSql step = tracking.stepSql(p.direction(), version, p.migration().id(), s.checksum(), mode.label(),
                        null, 0, after, servicePlan.requires(p.migration()));
                if (mode.marksDirty()) {
                    bookkeeping(script, "progress recorded, then the version marked dirty, each committed on its own",
                            tracking.progressSql(version, p.direction(), s.checksum(), 0),
                            tracking.setVersionSql(p.direction() == Direction.UP ? version : after, true));
                    boolean open = false;
                    int done = 0;
                    for (SqlStatement st : resolved.statements()) {
                        boolean own = !open && !StatementKind.isTransactionControl(st)
                                && !StatementKind.cannotRunInTransaction(st, major);
                        if (own) {
                            script.append("begin;\n");
                        }
                        script.append(st.text()).append(";\n");
                        if (StatementKind.isBegin(st)) {
                            open = true;
                        } else if (StatementKind.isCommit(st) || StatementKind.isRollback(st)) {
                            open = false;
                        }
                        bookkeeping(script, null, tracking.progressSql(version, p.direction(), s.checksum(), ++done));
                        if (own) {
                            script.append("commit;\n");
                        }
                    }
                    script.append("begin;\n");
                    bookkeeping(script, "the migration recorded, its progress cleared", step,
                            tracking.clearProgressSql(version));
                    script.append("commit;\n");
                } else {
                    script.append("begin;\n");
                    for (SqlStatement st : resolved.statements()) {
                        script.append(st.text()).append(";\n");
                    }
                    bookkeeping(script, "the migration recorded, in its transaction", step);
                    script.append("commit;\n");
                }
                steps.add(new Step(version, p.migration().id(), p.direction(), mode, true, 0));
            }
            List<Problem> problems = plan.stop() == null ? List.of() : List.of(plan.stop());
            List<String> notes = plan.steps().isEmpty() ? List.of("Nothing to " + command) : List.of();
            return new RunResult(command, config.schema(), steps, problems, notes, state.version(), state.dirty(),
                    script.toString());
        } catch (SQLException e) {
            throw database.failure("Dry run on schema " + config.schema(), e);
        }
    }

    private static void bookkeeping(StringBuilder script, String what, BoundSql... statements) {
        script.append(BOOKKEEPING.strip()).append(what == null ? "" : ": " + what).append('\n');
        for (BoundSql b : statements) {
            script.append(b.inline()).append(";\n");
        }
    }

    /** golang-migrate's version once {@code step} ran: the highest applied one by then. */
    private static long versionAfter(Plan plan, Plan.PlannedStep step, DatabaseState state) {
        java.util.TreeSet<Long> applied = new java.util.TreeSet<>(state.applied().keySet());
        for (Plan.PlannedStep p : plan.steps()) {
            if (p.direction() == Direction.DOWN) {
                applied.remove(p.migration().version());
            } else {
                applied.add(p.migration().version());
            }
            if (p == step) {
                break;
            }
        }
        return applied.isEmpty() ? -1 : applied.last();
    }
}
