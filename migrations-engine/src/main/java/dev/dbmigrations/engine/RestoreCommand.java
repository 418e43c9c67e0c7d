package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.Backups;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.Sql;
import dev.dbmigrations.engine.plan.DatabaseState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** {@code migrations:restore}: a backup put back in one transaction. */
final class RestoreCommand extends ServiceCommand {

    RestoreCommand(Service service) {
        super(service);
    }

    /**
     * Replaces the service schema with the one in {@code file} (a {@code backup}), in one transaction:
     * the current schema is renamed aside, the dump restored, and the old schema dropped only when the
     * restore succeeded (renamed back otherwise). The history is append-only, so the rows written since
     * the backup are carried over into the restored one. {@code confirm} must be the schema name.
     */
    RunResult run(Path file, String confirm) {
        if (file == null || !Files.isRegularFile(file)) {
            return refused("restore", List.of(Check.RESTORE.at(file, 0, 0, "no backup file at " + file,
                    "pass -Dmigrations.backupFile=<a file written by migrations:backup>")));
        }
        if (!config.schema().equals(confirm)) {
            return refused("restore", List.of(Check.RESTORE_CONFIRM.of("restore replaces schema " + config.schema() + " and everything in it with the backup",
                    "confirm with -Dmigrations.confirm=" + config.schema())));
        }
        return locked("restore", (work, set, state, notes) -> {
            List<String> dependents = new DatabaseGraph(work).dependentsOutside(config.schema());
            if (!dependents.isEmpty()) {
                return finish("restore", List.of(), List.of(Check.RESTORE_DEPENDENTS.of("objects in other schemas depend on " + config.schema() + " and would be dropped with it: "
                                + String.join(", ", dependents),
                        "roll back (or drop) them first, e.g. the other service's migration that created them, restore,"
                                + " then apply them again")), notes, work);
            }
            return restoreInOneTransaction(work, file, notes);
        });
    }

    /**
     * The restore itself, one transaction end to end: the current schema is renamed aside, the dump
     * is run on this session, the restored tracking tables are brought to this release's shape, the
     * history written since the backup is carried over, the old schema dropped and the restore
     * recorded. A failure, or a JVM killed at any point, leaves the schema as it was.
     */
    private RunResult restoreInOneTransaction(Connection work, Path file, List<String> notes) throws SQLException {
        String aside = config.schema() + "_before_restore";
        if (new DatabaseGraph(work).schemaExists(aside)) {
            return finish("restore", List.of(), List.of(Check.RESTORE_LEFTOVER.of("schema " + aside
                    + " exists: an interrupted restore of an earlier release left it, and it may hold the only copy of"
                    + " what was there before", "check it, then drop it or rename it back to " + config.schema()
                    + " by hand, and restore again")), notes, work);
        }
        work.setAutoCommit(false);
        try (Statement st = work.createStatement()) {
            st.execute("alter schema " + Sql.ident(config.schema()) + " rename to " + Sql.ident(aside));
            Backups.Outcome o = new Backups(config).restoreInto(work, file);
            if (!o.ok()) {
                work.rollback();
                return finish("restore", List.of(), List.of(o.problem()), notes, work);
            }
            st.execute("set search_path to " + Sql.ident(config.schema()) + ", public");
            tracking.create(work);
            tracking.carryHistoryOver(work, aside);
            st.execute("drop schema " + Sql.ident(aside) + " cascade");
            DatabaseState restored = tracking.read(work);
            if (!Sql.schemaOf(config.table(), config.schema()).equals(config.schema())) {
                // golang-migrate's table lives outside the schema, so the dump did not hold it: set it from the applied set
                tracking.setVersion(work, restored.highestApplied(), false);
            }
            tracking.recordHistory(work, restored.version(), file.getFileName().toString(), "restore", true, null, null,
                    Instant.now(), o.millis(), null, null, null);
            work.commit();
            notes.add("Restored schema " + config.schema() + " from " + file + " in " + o.millis() + " ms ("
                    + o.summary() + ", one transaction)");
            return finish("restore", List.of(), List.of(), notes, work);
        } catch (SQLException | RuntimeException e) {
            work.rollback();
            throw e;
        } finally {
            work.setAutoCommit(true);
        }
    }

}
