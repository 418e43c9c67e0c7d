package dev.dbmigrations.engine.plan;

import java.time.Instant;

/**
 * One row of the applied set, as read from the tracking tables.
 *
 * @param kind how it got there: applied, adopted, baseline, forced
 */
public record Applied(long version, String id, String checksum, String kind, String environment,
                      Instant appliedAt, Long executionMillis) {
}
