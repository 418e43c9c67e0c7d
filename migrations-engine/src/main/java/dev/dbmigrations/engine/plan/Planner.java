package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.Migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what {@code up}, {@code down} and {@code goto} run, from the migrations of one
 * environment and the database state. Pure: no I/O.
 */
public final class Planner {

    private final List<Migration> migrations;
    private final DatabaseState state;
    private final boolean outOfOrder;
    private final ServicePlan service;
    private final Graph graph;
    private final boolean cascade;

    public Planner(List<Migration> migrations, DatabaseState state, boolean outOfOrder) {
        this(new ServicePlan("service", migrations, state, null), Graph.NONE, outOfOrder, false);
    }

    public Planner(ServicePlan service, Graph graph, boolean outOfOrder, boolean cascade) {
        this.migrations = service.migrations();
        this.state = service.state();
        this.outOfOrder = outOfOrder;
        this.service = service;
        this.graph = graph;
        this.cascade = cascade;
    }

    /** Checks that hold for every command that runs migrations: not dirty, no edited applied file. */
    public List<Problem> preconditions() {
        List<Problem> problems = new ArrayList<>();
        if (state.dirty()) {
            problems.add(Check.DIRTY.of("the database is dirty at version " + state.version()
                            + ": a migration that ran outside a transaction failed half-way",
                    "check what it left behind and finish or undo it by hand, then run migrations:force"
                            + " -Dmigrations.version=" + state.version() + " if it is now applied, or the version"
                            + " before it if it is not"));
        }
        for (Migration m : migrations) {
            Applied a = state.applied().get(m.version());
            if (a != null && a.checksum() != null && !a.checksum().equals(m.up().checksum())) {
                problems.add(Check.CHECKSUM_MISMATCH.at(m.up().path(), 0, 0, m.id() + " was changed after it was applied (applied checksum " + a.checksum()
                                + ", file checksum " + m.up().checksum() + ")",
                        "restore the file, or accept the edit on purpose with migrations:repair"));
            }
        }
        return problems;
    }

    /** Pending migrations in version order (unless dependencies.json demands otherwise), up to {@code count} or {@code target}. */
    public Plan up(Integer count, Long target) {
        return ReactorPlanner.up(List.of(service), graph, outOfOrder, count, target);
    }

    /**
     * Applied migrations to roll back, newest first: {@code count} of them (default 1) or all above
     * {@code target}. Stops before an irreversible one or one whose file is gone.
     */
    public Plan down(Integer count, Long target) {
        if (target != null && target > 0 && !state.applied().containsKey(target) && findVersion(target).isEmpty()) {
            List<Problem> problems = new ArrayList<>(preconditions());
            problems.add(unknownVersion(target));
            return Plan.refused(problems);
        }
        return ReactorPlanner.down(List.of(service), graph, count, target, cascade);
    }

    /**
     * Rolls back everything above {@code version} and applies everything pending up to it. Version 0
     * (when no migration has it) and -1 mean "nothing applied": everything is rolled back.
     */
    public Plan goTo(long requested) {
        long version = requested == 0 && findVersion(0).isEmpty() && !state.applied().containsKey(0L) ? -1 : requested;
        List<Problem> problems = new ArrayList<>(preconditions());
        if (version < -1) {
            problems.add(Check.UNKNOWN_VERSION.of("version must be 0 (nothing applied) or a version of the folder,"
                    + " got " + version, "pass -Dmigrations.version=0 to roll everything back"));
            return Plan.refused(problems);
        }
        if (version >= 0 && findVersion(version).isEmpty() && !state.applied().containsKey(version)) {
            problems.add(unknownVersion(version));
        }
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        boolean anyAbove = state.applied().keySet().stream().anyMatch(v -> v > version);
        Plan down = anyAbove ? ReactorPlanner.down(List.of(service), graph, null, version, cascade)
                : new Plan(List.of(), List.of(), null);
        if (!down.problems().isEmpty() || down.stop() != null) {
            return down;
        }
        Plan up = version < 0 ? new Plan(List.of(), List.of(), null) : up(null, version);
        if (!up.problems().isEmpty()) {
            return up;
        }
        List<Plan.PlannedStep> steps = new ArrayList<>(down.steps());
        steps.addAll(up.steps());
        return new Plan(steps, List.of(), up.stop());
    }

    public Optional<Migration> findVersion(long version) {
        return migrations.stream().filter(m -> m.version() == version).findFirst();
    }

    private Problem unknownVersion(long version) {
        Migration below = null;
        Migration above = null;
        for (Migration m : migrations) {
            if (m.version() < version) {
                below = m;
            } else if (m.version() > version && above == null) {
                above = m;
            }
        }
        List<String> near = new ArrayList<>();
        if (below != null) {
            near.add(below.versionText() + " (" + below.id() + ")");
        }
        if (above != null) {
            near.add(above.versionText() + " (" + above.id() + ")");
        }
        return Check.UNKNOWN_VERSION.of("no migration has version " + version + " in this environment",
                (near.isEmpty() ? "the folder has no migration here" : "the nearest are " + String.join(" and ", near))
                        + "; 0 means nothing applied (-Dmigrations.version=0 rolls everything back)");
    }

}
