package dev.dbmigrations.engine.api;

import java.time.Instant;

/**
 * One line of {@code migrations:status}.
 *
 * @param environment      {@code null} for a migration of every environment, else its subfolder
 * @param appliedAt        when it was applied, {@code null} when pending
 * @param executionMillis  how long it ran, {@code null} when pending or never run by this tool
 * @param checksumMismatch the file changed since it was applied
 * @param reversible       it has a down file
 */
public record MigrationStatus(long version, String id, String environment, MigrationState state,
                              Instant appliedAt, Long executionMillis, String checksum,
                              boolean checksumMismatch, boolean reversible) {
}
