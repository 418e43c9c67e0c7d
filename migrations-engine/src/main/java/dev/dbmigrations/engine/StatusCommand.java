package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.DeployPolicy;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.Planner;
import dev.dbmigrations.engine.report.StatusBuilder;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code migrations:status}: every migration with its state; reads only. */
final class StatusCommand extends ServiceCommand {

    StatusCommand(Service service) {
        super(service);
    }

    /** Every migration with its state; reads only, takes no lock, creates nothing. */
    StatusResult run() {
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
                deploy = DeployPolicy.preview(service.settings().policy(config.environment()),
                        pending.steps(), Instant.now(), migrations, config.schema());
            }
            return new StatusResult(config.service(), config.schema(), config.environment(), state.initialised(),
                    state.version(), state.dirty(), StatusBuilder.build(migrations, state), problems, deploy);
        } catch (SQLException e) {
            throw database.failure("Reading the status of schema " + config.schema(), e);
        }
    }

}
