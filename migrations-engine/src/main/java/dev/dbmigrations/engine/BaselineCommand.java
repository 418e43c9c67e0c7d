package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.Transactions;

import java.time.Instant;
import java.util.List;

/** {@code migrations:baseline}: migrations recorded as applied on a database that predates the tool. */
final class BaselineCommand extends ServiceCommand {

    BaselineCommand(Service service) {
        super(service);
    }

    /** Records every migration up to {@code version} as applied without running it, on a database that predates the tool. */
    RunResult run(long version) {
        return locked("baseline", (work, set, state, notes) -> {
            if (!state.applied().isEmpty()) {
                return finish("baseline", List.of(), List.of(Check.BASELINE.of("schema " + config.schema() + " already has " + state.applied().size() + " applied migrations",
                        "baseline only a database the tool has never run on; use migrations:force to move the version")),
                        notes, work);
            }
            Instant started = Instant.now();
            int recorded = Transactions.inOne(work, () -> {
                int n = service.recordAsApplied(work, set.forEnvironment(config.environment()), state, version, "baseline");
                tracking.setVersion(work, version, false);
                tracking.recordHistory(work, version, Long.toString(version), "baseline", true, null, null, started, 0,
                        null, null, null);
                return n;
            });
            notes.add("Baselined schema " + config.schema() + " at version " + version + ": " + recorded
                    + " migrations recorded as applied without running");
            return finish("baseline", List.of(), List.of(), notes, work);
        });
    }

}
