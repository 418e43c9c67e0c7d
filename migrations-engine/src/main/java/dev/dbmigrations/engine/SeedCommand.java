package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.SeedRunner;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.Planner;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.Seeds;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** {@code migrations:seed}: the environment's new or changed seed files, each in one transaction. */
final class SeedCommand extends ServiceCommand {

    SeedCommand(Service service) {
        super(service);
    }

    /**
     * Runs the seed files of the environment ({@code seeds/*.sql}, then {@code seeds/<environment>/*.sql})
     * that are new or changed since they last ran, or all of them with {@code reseed}; each in one
     * transaction. Refuses while migrations are pending or the database is dirty: seeds are written for
     * the current schema. A dry run lists what would run.
     */
    RunResult run(boolean reseed) {
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

}
