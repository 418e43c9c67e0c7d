package dev.dbmigrations.engine.api;

import java.util.List;

/** The targets a fleet run reaches, in order, or why they cannot be listed (then no target). */
public record FleetTargets(List<FleetTarget> targets, List<Problem> problems) {

    public FleetTargets {
        targets = List.copyOf(targets);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
