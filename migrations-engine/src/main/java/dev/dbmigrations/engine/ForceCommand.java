package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.Transactions;
import dev.dbmigrations.engine.plan.Applied;
import dev.dbmigrations.engine.source.Migration;

import java.time.Instant;
import java.util.List;

/** {@code migrations:force}: golang-migrate's force. */
final class ForceCommand extends ServiceCommand {

    ForceCommand(Service service) {
        super(service);
    }

    /**
     * golang-migrate's force: the database is declared to be at {@code version} (-1 for none), dirty
     * cleared. Migrations at or below it are recorded as applied, those above it as not.
     */
    RunResult run(long version) {
        if (version < -1) {
            return refused("force", List.of(Check.VERSION.of("version must be -1 or more, got " + version,
                    "pass -Dmigrations.version=V, or -1 for a database with no migration applied")));
        }
        return locked("force", (work, set, state, notes) -> {
            List<Migration> migrations = set.forEnvironment(config.environment());
            Instant started = Instant.now();
            int[] counts = Transactions.inOne(work, () -> {
                int recorded = service.recordAsApplied(work, migrations, state, version, "forced");
                Applied at = state.applied().get(version);
                Migration file = migrations.stream().filter(m -> m.version() == version).findFirst().orElse(null);
                if (at != null && file != null && !file.up().checksum().equals(at.checksum())) {
                    tracking.updateChecksum(work, version, file.up().checksum());
                }
                int removed = 0;
                for (Applied a : state.applied().values()) {
                    if (a.version() > version) {
                        tracking.removeApplied(work, a.version());
                        removed++;
                    }
                }
                tracking.setVersion(work, version, false);
                tracking.recordHistory(work, version, file == null ? Long.toString(version) : file.id(), "force", true,
                        null, null, started, 0, null, null, null);
                return new int[] {recorded, removed};
            });
            notes.add("Forced schema " + config.schema() + " to version " + (version < 0 ? "none" : version)
                    + ", dirty cleared (" + counts[0] + " recorded as applied, " + counts[1] + " as not applied)");
            if (version >= 0 && migrations.stream().noneMatch(m -> m.version() == version)) {
                notes.add("No migration in the folder has version " + version);
            }
            return finish("force", List.of(), List.of(), notes, work);
        });
    }

}
