package dev.dbmigrations.engine.api;

import java.util.List;

/**
 * What {@code migrations:status} found.
 *
 * @param initialised the tracking tables exist
 * @param version     golang-migrate's version, -1 when none
 * @param deploy      what the environment's policy would ask of an {@code up} now (windows, approvals, backup)
 */
public record StatusResult(String service, String schema, String environment, boolean initialised,
                           long version, boolean dirty, List<MigrationStatus> migrations,
                           List<Problem> problems, List<String> deploy) {

    public StatusResult {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
        deploy = List.copyOf(deploy);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public long pendingCount() {
        return migrations.stream()
                .filter(m -> m.state() == MigrationState.PENDING || m.state() == MigrationState.OUT_OF_ORDER)
                .count();
    }
}
