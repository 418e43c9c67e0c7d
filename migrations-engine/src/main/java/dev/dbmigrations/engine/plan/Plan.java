package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.Migration;

import java.util.List;

/**
 * What to run, in order. When {@link #problems()} is not empty the plan must not run; when
 * {@link #stop()} is set, the steps before it run and then the run stops with that problem (for
 * example an irreversible migration part-way down).
 */
public record Plan(List<PlannedStep> steps, List<Problem> problems, Problem stop) {

    public Plan {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
    }

    public static Plan refused(List<Problem> problems) {
        return new Plan(List.of(), problems, null);
    }

    /** One migration of one service to run in one direction. */
    public record PlannedStep(String service, Migration migration, Direction direction) {

        /** {@code service:id}, how messages and dependencies name it. */
        public String ref() {
            return service + ":" + migration.id();
        }
    }
}
