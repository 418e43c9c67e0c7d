package dev.dbmigrations.engine.plan;

import java.time.Instant;

/**
 * One row of the applied set, as read from the tracking tables.
 *
 * @param kind how it got there: applied, adopted, baseline, forced
 */
public record Applied(long version, String id, String checksum, String kind, String environment,
                      Instant appliedAt, Long executionMillis, java.util.List<String> requires) {

    public Applied {
        requires = requires == null ? java.util.List.of() : java.util.List.copyOf(requires);
    }

    public Applied(long version, String id, String checksum, String kind, String environment, Instant appliedAt,
                   Long executionMillis) {
        this(version, id, checksum, kind, environment, appliedAt, executionMillis, java.util.List.of());
    }
}
