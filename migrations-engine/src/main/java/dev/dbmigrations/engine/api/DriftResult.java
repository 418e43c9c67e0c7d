package dev.dbmigrations.engine.api;

import java.util.List;

/**
 * What {@code migrations:drift} found: per service, the objects of the live schema that a replay of
 * its applied migrations (on a scratch database) does not have, and the reverse.
 *
 * @param scratch  where the replay ran
 * @param services one entry per service
 * @param problems why a replay could not be made (an applied migration that does not apply, a plan)
 */
public record DriftResult(String scratch, List<Service> services, List<Problem> problems) {

    public DriftResult {
        services = List.copyOf(services);
        problems = List.copyOf(problems);
    }

    /** No problem and no drift. */
    public boolean ok() {
        return problems.isEmpty() && services.stream().allMatch(s -> s.added().isEmpty() && s.missing().isEmpty());
    }

    /**
     * @param added   in the live schema, not in the replay: made by hand (or by a migration file that is gone)
     * @param missing in the replay, not in the live schema: dropped or changed by hand
     * @param edited  applied migrations whose files changed since (the replay uses the files as they are)
     */
    public record Service(String service, String schema, int applied, List<String> added, List<String> missing,
                          List<String> edited) {
        public Service {
            added = List.copyOf(added);
            missing = List.copyOf(missing);
            edited = List.copyOf(edited);
        }
    }
}
