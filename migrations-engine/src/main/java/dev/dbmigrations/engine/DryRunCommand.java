package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.Planner;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.Script;
import dev.dbmigrations.engine.sql.SqlStatement;

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
    static final String BOOKKEEPING = "-- migrations:bookkeeping ";

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
                boolean inOne = mode == RunMode.TRANSACTION;
                long after = versionAfter(plan, p, state);
                if (inOne) {
                    script.append("begin;\n");
                } else {
                    script.append(BOOKKEEPING).append("version ").append(p.migration().version())
                            .append(" is marked dirty first; each statement below commits with its progress row\n");
                }
                for (SqlStatement st : resolved.statements()) {
                    script.append(st.text()).append(";\n");
                }
                script.append(BOOKKEEPING).append(inOne ? "in the same transaction: " : "then, in one transaction: ")
                        .append("golang-migrate's table set to ").append(after < 0 ? "no version" : "version " + after)
                        .append(", clean; ").append(p.direction() == Direction.UP ? "a row added to" : "the row removed from")
                        .append(" migrations_applied; a row in migrations_history\n");
                if (inOne) {
                    script.append("commit;\n");
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
