package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.Backups;

import java.nio.file.Path;
import java.util.List;

/** {@code migrations:backup}: pg_dump of the service schema, with its history row. */
final class BackupCommand extends ServiceCommand {

    BackupCommand(Service service) {
        super(service);
    }

    /**
     * Dumps the service schema with pg_dump into {@code file}, or into a new file in the backup folder
     * when it is null; records a {@code backup} row in the history.
     */
    RunResult run(Path file) {
        return locked("backup", (work, set, state, notes) -> {
            Backups.Outcome o = service.backupNow(work, state, file, "manual");
            if (o.ok()) {
                notes.add("Backed up schema " + config.schema() + " to " + o.file() + " (" + o.bytes() + " bytes, "
                        + o.millis() + " ms)");
            }
            return finish("backup", List.of(), o.ok() ? List.of() : List.of(o.problem()), notes, work);
        });
    }

}
