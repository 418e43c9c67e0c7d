package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.HistoryResult;
import dev.dbmigrations.engine.execute.Sql;
import dev.dbmigrations.engine.execute.Tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code migrations:history}: the service's recorded attempts, newest first; reads only, creates nothing. */
final class HistoryCommand extends ServiceCommand {

    HistoryCommand(Service service) {
        super(service);
    }

    HistoryResult run(HistoryResult.Query q) {
        try (Connection c = database.connect("history")) {
            if (!tracking.orchestratorTablesExist(c)) {
                return new HistoryResult(config.service(), config.schema(), List.of(), 0, List.of(),
                        List.of("Schema " + config.schema() + " has no history yet: nothing has run here"));
            }
            String sql = "select id, started_at, environment, action, version, name, outcome, duration_ms, applied_by,"
                    + " db_user, error, error_line, detail from " + Sql.ident(config.schema()) + "."
                    + Sql.ident(Tracking.HISTORY) + " where (?::timestamptz is null or started_at >= ?::timestamptz)"
                    + " and (?::text is null or outcome = ?::text) and (?::bigint is null or version = ?::bigint)"
                    + " and (?::text is null or action = ?::text) order by id desc limit ?";
            List<HistoryResult.Entry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Timestamp since = q.since() == null ? null : Timestamp.from(q.since());
                ps.setTimestamp(1, since);
                ps.setTimestamp(2, since);
                ps.setString(3, q.outcome());
                ps.setString(4, q.outcome());
                ps.setObject(5, q.version(), java.sql.Types.BIGINT);
                ps.setObject(6, q.version(), java.sql.Types.BIGINT);
                ps.setString(7, q.action());
                ps.setString(8, q.action());
                ps.setInt(9, q.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new HistoryResult.Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                                (Long) rs.getObject(8, Long.class), rs.getString(9), rs.getString(10), rs.getString(11),
                                (Integer) rs.getObject(12, Integer.class), rs.getString(13)));
                    }
                }
            }
            int failures = (int) entries.stream().filter(e -> !"success".equals(e.outcome())).count();
            List<HistoryResult.Entry> slowest = entries.stream()
                    .filter(e -> "success".equals(e.outcome()) && e.millis() != null && (e.action().equals("up")
                            || e.action().equals("down")))
                    .sorted(Comparator.comparing(HistoryResult.Entry::millis).reversed())
                    .filter(distinctBy(e -> e.name() + " " + e.action())).limit(5).toList();
            return new HistoryResult(config.service(), config.schema(), entries, failures, slowest, List.of());
        } catch (SQLException e) {
            throw database.failure("Reading the history of schema " + config.schema(), e);
        }
    }

    /** Keeps the first entry of each key: the slowest run of each migration and direction, not five runs of one. */
    private static <T> java.util.function.Predicate<T> distinctBy(java.util.function.Function<T, String> key) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return t -> seen.add(key.apply(t));
    }
}
