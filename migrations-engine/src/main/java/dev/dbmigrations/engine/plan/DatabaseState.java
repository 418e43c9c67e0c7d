package dev.dbmigrations.engine.plan;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database says: golang-migrate's version and dirty flag and the applied set.
 *
 * @param version golang-migrate's version, -1 when its table is empty
 * @param applied the applied set by version, ascending
 */
public record DatabaseState(boolean initialised, long version, boolean dirty, Map<Long, Applied> applied) {

    public DatabaseState {
        applied = Collections.unmodifiableMap(new TreeMap<>(applied));
    }

    public static DatabaseState empty() {
        return new DatabaseState(false, -1, false, Map.of());
    }

    public long highestApplied() {
        return applied.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
