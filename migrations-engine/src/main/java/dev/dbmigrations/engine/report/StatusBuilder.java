package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.api.MigrationState;
import dev.dbmigrations.engine.api.MigrationStatus;
import dev.dbmigrations.engine.plan.Applied;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.source.Migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Merges the folder and the database state into one status line per migration. */
public final class StatusBuilder {

    private StatusBuilder() {
    }

    public static List<MigrationStatus> build(List<Migration> migrations, DatabaseState state) {
        List<MigrationStatus> out = new ArrayList<>();
        Map<Long, Migration> byVersion = new HashMap<>();
        long highest = state.highestApplied();
        for (Migration m : migrations) {
            byVersion.put(m.version(), m);
            Applied a = state.applied().get(m.version());
            MigrationState s;
            if (state.dirty() && state.version() == m.version()) {
                s = MigrationState.DIRTY;
            } else if (a == null) {
                s = m.version() < highest ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
            } else {
                s = switch (a.kind()) {
                    case "adopted" -> MigrationState.ADOPTED;
                    case "baseline" -> MigrationState.BASELINE;
                    case "forced" -> MigrationState.FORCED;
                    default -> MigrationState.APPLIED;
                };
            }
            boolean mismatch = a != null && a.checksum() != null && !a.checksum().equals(m.up().checksum());
            out.add(new MigrationStatus(m.version(), m.id(), m.environment(), s, a == null ? null : a.appliedAt(),
                    a == null ? null : a.executionMillis(), m.up().checksum(), mismatch, m.reversible()));
        }
        for (Applied a : state.applied().values()) {
            if (!byVersion.containsKey(a.version())) {
                out.add(new MigrationStatus(a.version(), a.id(), a.environment(), MigrationState.MISSING_FILE,
                        a.appliedAt(), a.executionMillis(), a.checksum(), false, false));
            }
        }
        out.sort(Comparator.comparingLong(MigrationStatus::version));
        return out;
    }
}
