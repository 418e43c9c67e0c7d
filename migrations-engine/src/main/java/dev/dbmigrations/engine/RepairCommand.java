package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.Transactions;
import dev.dbmigrations.engine.plan.Applied;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.SumFile;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code migrations:repair}: edited files of applied migrations accepted on purpose. */
final class RepairCommand extends ServiceCommand {

    RepairCommand(Service service) {
        super(service);
    }

    /** Accepts the current files of applied migrations whose checksums changed. */
    RunResult run() {
        return locked("repair", (work, set, state, notes) -> {
            Instant started = Instant.now();
            java.util.Map<String, String> edited = new java.util.LinkedHashMap<>();
            notes.addAll(Transactions.inOne(work, () -> {
                List<String> accepted = new ArrayList<>();
                for (Migration m : set.forEnvironment(config.environment())) {
                    Applied a = state.applied().get(m.version());
                    if (a != null && !m.up().checksum().equals(a.checksum())) {
                        edited.put(SumFile.relative(set.dir(), m.up().path()), m.up().checksum());
                        tracking.updateChecksum(work, m.version(), m.up().checksum());
                        tracking.recordHistory(work, m.version(), m.id(), "repair", true, m.up().checksum(), null,
                                started, 0, null, null, null);
                        accepted.add("Accepted the edited " + m.id() + " (checksum " + a.checksum() + " -> "
                                + m.up().checksum() + ")");
                    }
                }
                return accepted;
            }));
            if (notes.isEmpty()) {
                notes.add("Nothing to repair: every applied migration matches its file");
            } else {
                // validate would refuse the accepted files otherwise
                try {
                    if (SumFile.update(set.dir(), edited)) {
                        notes.add("Updated migrations.sum for the accepted file(s): commit it with them");
                    }
                } catch (IOException e) {
                    notes.add("Could not update migrations.sum (" + e.getMessage() + "): run mvn migrations:hash");
                }
            }
            return finish("repair", List.of(), List.of(), notes, work);
        });
    }

}
