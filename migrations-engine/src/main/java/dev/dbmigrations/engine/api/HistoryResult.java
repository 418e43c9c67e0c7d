package dev.dbmigrations.engine.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code migrations:history}: the attempts recorded in the service's history table, newest first,
 * as the query asked for them, and a summary of them.
 *
 * @param service  the service
 * @param schema   its schema
 * @param entries  the attempts, newest first
 * @param failures how many of them failed
 * @param slowest  the slowest successful migrations among them, slowest first, each migration and direction once (at most five)
 * @param notes    what is worth saying (no history yet)
 */
public record HistoryResult(String service, String schema, List<Entry> entries, int failures, List<Entry> slowest,
                            List<String> notes) {

    public HistoryResult {
        entries = List.copyOf(entries);
        slowest = List.copyOf(slowest);
        notes = List.copyOf(notes);
    }

    /** One attempt: a row of the history table. */
    public record Entry(long id, Instant startedAt, String environment, String action, long version, String name,
                        String outcome, Long millis, String appliedBy, String dbUser, String error, Integer errorLine,
                        String detail) {
    }

    /**
     * What to read: attempts since a time (null: all), of one outcome, version or action (null: any),
     * at most {@code limit} of them.
     */
    public record Query(Instant since, String outcome, Long version, String action, int limit) {
        public static Query all() {
            return new Query(null, null, null, null, 100);
        }
    }
}
