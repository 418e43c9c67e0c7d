package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.Migration;

import java.util.ArrayList;
import java.util.Comparator;
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

    public Planner(List<Migration> migrations, DatabaseState state, boolean outOfOrder) {
        this.migrations = migrations.stream().sorted(Comparator.comparingLong(Migration::version)).toList();
        this.state = state;
        this.outOfOrder = outOfOrder;
    }

    /** Checks that hold for every command that runs migrations: not dirty, no edited applied file. */
    public List<Problem> preconditions() {
        List<Problem> problems = new ArrayList<>();
        if (state.dirty()) {
            problems.add(Problem.of("dirty",
                    "the database is dirty at version " + state.version()
                            + ": a migration that ran outside a transaction failed half-way",
                    "check what it left behind and finish or undo it by hand, then run migrations:force"
                            + " -Dmigrations.version=" + state.version() + " if it is now applied, or the version"
                            + " before it if it is not"));
        }
        for (Migration m : migrations) {
            Applied a = state.applied().get(m.version());
            if (a != null && a.checksum() != null && !a.checksum().equals(m.up().checksum())) {
                problems.add(Problem.at(m.up().path(), 0, 0, "checksum-mismatch",
                        m.id() + " was changed after it was applied (applied checksum " + a.checksum()
                                + ", file checksum " + m.up().checksum() + ")",
                        "restore the file, or accept the edit on purpose with migrations:repair"));
            }
        }
        return problems;
    }

    /** Pending migrations, lowest version first, up to {@code count} of them or up to {@code target}. */
    public Plan up(Integer count, Long target) {
        List<Problem> problems = new ArrayList<>(preconditions());
        if (target != null && findVersion(target).isEmpty()) {
            problems.add(unknownVersion(target));
        }
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        long highest = state.highestApplied();
        List<Migration> pending = new ArrayList<>();
        for (Migration m : migrations) {
            if (state.applied().containsKey(m.version())) {
                continue;
            }
            if (target != null && m.version() > target) {
                break;
            }
            if (m.version() < highest && !outOfOrder) {
                problems.add(Problem.at(m.up().path(), 0, 0, "out-of-order",
                        m.id() + " is pending but the newer " + state.applied().get(highest).id()
                                + " is already applied (typically a migration merged from another branch)",
                        "renumber it above " + highest + " with migrations:generate, or apply it anyway with"
                                + " -Dmigrations.outOfOrder=true"));
                continue;
            }
            pending.add(m);
        }
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        if (count != null && count < 1) {
            return Plan.refused(List.of(Problem.of("count", "count must be at least 1, got " + count,
                    "pass -Dmigrations.count=N with N >= 1, or leave it out to apply everything")));
        }
        List<Plan.PlannedStep> steps = new ArrayList<>();
        for (Migration p : pending) {
            if (count != null && steps.size() >= count) {
                break;
            }
            steps.add(new Plan.PlannedStep(p, Direction.UP));
        }
        return new Plan(steps, List.of(), null);
    }

    /**
     * Applied migrations to roll back, newest first: {@code count} of them (default 1) or all above
     * {@code target}. Stops before an irreversible one or one whose file is gone.
     */
    public Plan down(Integer count, Long target) {
        List<Problem> problems = new ArrayList<>(preconditions());
        if (target != null && target >= 0 && !state.applied().containsKey(target) && findVersion(target).isEmpty()) {
            problems.add(unknownVersion(target));
        }
        if (count != null && count < 1) {
            problems.add(Problem.of("count", "count must be at least 1, got " + count,
                    "pass -Dmigrations.count=N with N >= 1 (default 1)"));
        }
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        List<Long> appliedDesc = new ArrayList<>(state.applied().keySet());
        appliedDesc.sort(Comparator.reverseOrder());
        int limit = target != null ? Integer.MAX_VALUE : (count == null ? 1 : count);
        return downSteps(appliedDesc.stream().filter(v -> target == null || v > target).limit(limit).toList());
    }

    private Plan downSteps(List<Long> versions) {
        List<Plan.PlannedStep> steps = new ArrayList<>();
        for (long v : versions) {
            Optional<Migration> m = findVersion(v);
            Applied a = state.applied().get(v);
            if (m.isEmpty()) {
                return new Plan(steps, List.of(), Problem.of("missing-file",
                        "cannot roll back " + a.id() + ": its files are no longer in the folder",
                        "restore " + a.id() + ".up.sql and .down.sql, or move the version by hand with migrations:force"));
            }
            if (!m.get().reversible()) {
                return new Plan(steps, List.of(), Problem.at(m.get().up().path(), 0, 0, "irreversible",
                        "cannot roll back " + m.get().id() + ": it has no down file, so it is irreversible",
                        "write " + m.get().id() + ".down.sql, or move the version by hand with migrations:force"));
            }
            steps.add(new Plan.PlannedStep(m.get(), Direction.DOWN));
        }
        return new Plan(steps, List.of(), null);
    }

    /** Rolls back everything above {@code version} and applies everything pending up to it. */
    public Plan goTo(long version) {
        List<Problem> problems = new ArrayList<>(preconditions());
        if (version >= 0 && findVersion(version).isEmpty() && !state.applied().containsKey(version)) {
            problems.add(unknownVersion(version));
        }
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        List<Long> above = state.applied().keySet().stream().filter(v -> v > version)
                .sorted(Comparator.reverseOrder()).toList();
        Plan down = downSteps(above);
        if (down.stop() != null) {
            return down;
        }
        Plan up = up(null, version < 0 ? null : version);
        if (version < 0) {
            up = new Plan(List.of(), List.of(), null);
        }
        if (!up.problems().isEmpty()) {
            return up;
        }
        List<Plan.PlannedStep> steps = new ArrayList<>(down.steps());
        steps.addAll(up.steps());
        return new Plan(steps, List.of(), null);
    }

    public Optional<Migration> findVersion(long version) {
        return migrations.stream().filter(m -> m.version() == version).findFirst();
    }

    private Problem unknownVersion(long version) {
        String known = migrations.isEmpty() ? "none" : migrations.stream().map(Migration::versionText)
                .limit(20).reduce((a, b) -> a + ", " + b).orElse("");
        return Problem.of("unknown-version", "no migration has version " + version + " in this environment",
                "use one of the versions in the folder: " + known);
    }

}
