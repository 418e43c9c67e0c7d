package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.plan.Applied;
import dev.dbmigrations.engine.plan.DatabaseState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracking tables of one service: golang-migrate's {@code (version, dirty)} table, of which only
 * those two columns are ever read or written, and the orchestrator's applied set and append-only
 * history in the service schema. See docs/orchestrator.md.
 */
public final class Tracking {

    public static final String APPLIED = "migrations_applied";
    public static final String HISTORY = "migrations_history";
    public static final String PROGRESS = "migrations_progress";
    public static final String SEEDS = "migrations_seeds";

    private final String schema;
    private final String golangTable;
    private final String golangSchema;
    private final String golangName;
    private final String applied;
    private final String history;
    private final String progress;
    private final String seeds;
    private final String environment;
    private final String appliedBy;
    private final String service;

    public Tracking(String service, String schema, String table, String environment, String appliedBy) {
        this.service = service;
        this.schema = schema;
        this.golangTable = Sql.qualified(table, schema);
        this.golangSchema = Sql.schemaOf(table, schema);
        this.golangName = Sql.tableOf(table);
        this.applied = Sql.ident(schema) + "." + Sql.ident(APPLIED);
        this.history = Sql.ident(schema) + "." + Sql.ident(HISTORY);
        this.progress = Sql.ident(schema) + "." + Sql.ident(PROGRESS);
        this.seeds = Sql.ident(schema) + "." + Sql.ident(SEEDS);
        this.environment = environment;
        this.appliedBy = appliedBy;
    }

    /** golang-migrate's table, quoted and qualified. */
    public String golangTable() {
        return golangTable;
    }

    public boolean orchestratorTablesExist(Connection c) throws SQLException {
        return exists(c, schema, APPLIED) && exists(c, schema, HISTORY);
    }

    public boolean golangTableExists(Connection c) throws SQLException {
        return exists(c, golangSchema, golangName);
    }

    private static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from pg_catalog.pg_class t join pg_catalog.pg_namespace n on n.oid = t.relnamespace"
                        + " where n.nspname = ? and t.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The shape of the tables in the database: {@link TrackingSchema#version}. */
    public int schemaVersion(Connection c) throws SQLException {
        return schema().version(c);
    }

    /** The shape this code writes. */
    public static int currentSchemaVersion() {
        return TrackingSchema.CURRENT;
    }

    /** Whether the tables are there in the shape this code writes: one or two catalog reads, no DDL lock. */
    public boolean complete(Connection c) throws SQLException {
        return schemaVersion(c) == TrackingSchema.CURRENT;
    }

    private TrackingSchema schema() {
        return new TrackingSchema(schema, golangSchema, golangName, Map.of("golang", golangTable, "applied", applied,
                "history", history, "progress", progress, "seeds", seeds));
    }

    /** golang-migrate's row only: the version (-1 for none) and whether it is dirty; the applied set is left empty. */
    public DatabaseState readVersion(Connection c) throws SQLException {
        long version = -1;
        boolean dirty = false;
        boolean golang = golangTableExists(c);
        if (golang) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select version, dirty from " + golangTable + " order by version desc limit 1")) {
                if (rs.next()) {
                    version = rs.getLong(1);
                    dirty = rs.getBoolean(2);
                }
            }
        }
        return new DatabaseState(golang, version, dirty, Map.of());
    }

    /**
     * Creates the schema and the tracking tables, or brings those of an earlier release up to this one's
     * shape, step by step; returns what each step that ran brought (empty when nothing was missing).
     */
    public List<String> create(Connection c) throws SQLException {
        String tool = Tracking.class.getPackage().getImplementationVersion();
        return schema().upgrade(c, "dbmigrations" + (tool == null ? "" : " " + tool)).stream()
                .map(st -> st.version() + ": " + st.description()).toList();
    }

    private boolean hasRequires(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_attribute where attrelid = to_regclass(?)"
                + " and attname = 'requires' and not attisdropped")) {
            ps.setString(1, applied);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Where a migration that runs outside a transaction got to: statements finished so far. */
    public record Progress(long version, String direction, String checksum, int statementsDone) {
    }

    /** Records that {@code done} statements of the migration have finished (autocommit, or inside the file's own transaction). */
    public void recordProgress(Connection c, long version, Direction direction, String checksum, int done) throws SQLException {
        progressSql(version, direction, checksum, done).execute(c);
    }

    public BoundSql progressSql(long version, Direction direction, String checksum, int done) {
        return new BoundSql("insert into " + progress
                + " (version, direction, checksum, statements_done) values (?, ?, ?, ?) on conflict (version) do update"
                + " set direction = excluded.direction, checksum = excluded.checksum,"
                + " statements_done = excluded.statements_done, updated_at = now()",
                version, direction.label(), checksum, done);
    }

    public void clearProgress(Connection c, long version) throws SQLException {
        clearProgressSql(version).execute(c);
    }

    public BoundSql clearProgressSql(long version) {
        return new BoundSql("delete from " + progress + " where version = ?", version);
    }

    /** The progress row of {@code version}, or null. */
    public Progress progress(Connection c, long version) throws SQLException {
        if (!exists(c, schema, PROGRESS)) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("select direction, checksum, statements_done from " + progress
                + " where version = ?")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Progress(version, rs.getString(1), rs.getString(2), rs.getInt(3)) : null;
            }
        }
    }

    /** Reads the state; a missing table reads as empty. */
    public DatabaseState read(Connection c) throws SQLException {
        DatabaseState golang = readVersion(c);
        boolean orchestrator = orchestratorTablesExist(c);
        Map<Long, Applied> set = new LinkedHashMap<>();
        if (orchestrator) {
            // times as epoch microseconds and requirements joined by '/' (which no file or service name holds):
            // plain numbers and text decode far faster than timestamps and arrays, and a state holds every row
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select version, name, checksum, kind, environment,"
                         + " (extract(epoch from applied_at) * 1000000)::bigint, execution_ms, "
                         + (hasRequires(c) ? "array_to_string(requires, '/')" : "''") + " from " + applied
                         + " order by version")) {
                while (rs.next()) {
                    long micros = rs.getLong(6);
                    Instant at = rs.wasNull() ? null
                            : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
                    long ms = rs.getLong(7);
                    Long exec = rs.wasNull() ? null : ms;
                    String req = rs.getString(8);
                    List<String> requires = req == null || req.isEmpty() ? List.of() : List.of(req.split("/"));
                    long v = rs.getLong(1);
                    set.put(v, new Applied(v, rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), at, exec, requires));
                }
            }
        }
        return new DatabaseState(orchestrator && golang.initialised(), golang.version(), golang.dirty(), set);
    }

    /**
     * Sets golang-migrate's single row, keeping any column a user added: {@code version} -1 with
     * dirty false empties the table, as golang-migrate does for "no version".
     */
    public void setVersion(Connection c, long version, boolean dirty) throws SQLException {
        setVersionSql(version, dirty).execute(c);
    }

    public BoundSql setVersionSql(long version, boolean dirty) {
        if (version < 0 && !dirty) {
            return new BoundSql("delete from " + golangTable);
        }
        return new BoundSql(upsertVersion("?", "?"), version, dirty, version, dirty);
    }

    private String upsertVersion(String version, String dirty) {
        return "with u as (update " + golangTable + " set version = " + version + ", dirty = " + dirty + " returning 1)"
                + " insert into " + golangTable + " (version, dirty) select " + version + ", " + dirty
                + " where not exists (select 1 from u)";
    }

    /**
     * The bookkeeping of one successful step in one round trip: the applied set (row added on up,
     * removed on down), golang-migrate's row set to {@code versionAfter} and clean, and a history row.
     */
    public void recordStep(Connection c, Direction direction, long version, String id, String checksum,
                           String runMode, Instant startedAt, long millis, long versionAfter, List<String> requires)
            throws SQLException {
        stepSql(direction, version, id, checksum, runMode, startedAt, millis, versionAfter, requires).execute(c);
    }

    /** {@link #recordStep}'s statement; {@code startedAt} null: the server's {@code now()} (a script's). */
    public BoundSql stepSql(Direction direction, long version, String id, String checksum, String runMode,
                            Instant startedAt, long millis, long versionAfter, List<String> requires) {
        String appliedChange = direction == Direction.UP
                ? "insert into " + applied + " (version, name, checksum, kind, run_mode, environment, applied_at,"
                + " applied_by, execution_ms, service, requires) values (?, ?, ?, 'applied', ?, ?, now(), ?, ?, ?, ?)"
                + " on conflict (version) do update set name = excluded.name, checksum = excluded.checksum,"
                + " kind = excluded.kind, run_mode = excluded.run_mode, environment = excluded.environment,"
                + " applied_at = excluded.applied_at, applied_by = excluded.applied_by,"
                + " execution_ms = excluded.execution_ms, service = excluded.service, requires = excluded.requires"
                : "delete from " + applied + " where version = ?";
        String golang = versionAfter < 0
                ? "delete from " + golangTable
                : "update " + golangTable + " set version = ?, dirty = false returning 1";
        String sql = "with a as (" + appliedChange + "), g as (" + golang + ")"
                + (versionAfter < 0 ? "" : ", gi as (insert into " + golangTable + " (version, dirty) select ?, false"
                + " where not exists (select 1 from g))")
                + " insert into " + history + " (version, name, action, outcome, checksum, run_mode, environment,"
                + " started_at, duration_ms, applied_by) values (?, ?, ?, 'success', ?, ?, ?, ?, ?, ?)";
        List<Object> params = new java.util.ArrayList<>();
        params.add(version);
        if (direction == Direction.UP) {
            params.addAll(java.util.Arrays.asList(id, checksum, runMode, environment, appliedBy, millis, service,
                    requires.toArray(new String[0])));
        }
        if (versionAfter >= 0) {
            params.add(versionAfter);
            params.add(versionAfter);
        }
        params.addAll(java.util.Arrays.asList(version, id, direction.label(), checksum, runMode, environment,
                startedAt == null ? BoundSql.NOW : startedAt, millis, appliedBy));
        return new BoundSql(sql, params);
    }

    public void recordApplied(Connection c, long version, String id, String checksum, String kind, String runMode,
                              Long executionMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + applied
                + " (version, name, checksum, kind, run_mode, environment, applied_at, applied_by, execution_ms, service)"
                + " values (?, ?, ?, ?, ?, ?, now(), ?, ?, '" + service.replace("'", "''") + "')"
                + " on conflict (version) do update set name = excluded.name, checksum = excluded.checksum,"
                + " kind = excluded.kind, run_mode = excluded.run_mode, environment = excluded.environment,"
                + " applied_at = excluded.applied_at, applied_by = excluded.applied_by,"
                + " execution_ms = excluded.execution_ms")) {
            ps.setLong(1, version);
            ps.setString(2, id);
            ps.setString(3, checksum);
            ps.setString(4, kind);
            ps.setString(5, runMode);
            ps.setString(6, environment);
            ps.setString(7, appliedBy);
            if (executionMillis == null) {
                ps.setNull(8, Types.BIGINT);
            } else {
                ps.setLong(8, executionMillis);
            }
            ps.executeUpdate();
        }
    }

    public void removeApplied(Connection c, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + applied + " where version = ?")) {
            ps.setLong(1, version);
            ps.executeUpdate();
        }
    }

    public void updateChecksum(Connection c, long version, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + applied + " set checksum = ? where version = ?")) {
            ps.setString(1, checksum);
            ps.setLong(2, version);
            ps.executeUpdate();
        }
    }

    /**
     * Appends to the history the rows of {@code asideSchema}'s history written after this one's
     * newest (a restore keeps the history append-only), in the caller's transaction; an error is the
     * caller's to roll back.
     */
    public void carryHistoryOver(Connection c, String asideSchema) throws SQLException {
        String aside = Sql.ident(asideSchema) + "." + Sql.ident(HISTORY);
        String columns = "id, version, name, action, outcome, checksum, run_mode, environment, started_at, duration_ms,"
                + " applied_by, db_user, sqlstate, error, error_line, detail";
        try (Statement st = c.createStatement()) {
            st.execute("insert into " + history + " (" + columns + ") select " + columns + " from " + aside
                    + " where id > (select coalesce(max(id), 0) from " + history + ") order by id");
            st.execute("select setval(pg_get_serial_sequence('" + history.replace("'", "''") + "', 'id'),"
                    + " greatest((select max(id) from " + history + "), 1))");
        }
    }

    /** The checksum each seed had when it last ran, by name. */
    public Map<String, String> seedChecksums(Connection c) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        if (!exists(c, schema, SEEDS)) {
            return sums;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select name, checksum from " + seeds + " order by name")) {
            while (rs.next()) {
                sums.put(rs.getString(1), rs.getString(2));
            }
        }
        return sums;
    }

    /** Records that a seed ran (inside its transaction). */
    public void recordSeed(Connection c, String name, String checksum, long millis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + seeds
                + " (name, checksum, environment, applied_at, applied_by, execution_ms) values (?, ?, ?, now(), ?, ?)"
                + " on conflict (name) do update set checksum = excluded.checksum, environment = excluded.environment,"
                + " applied_at = excluded.applied_at, applied_by = excluded.applied_by, db_user = current_user,"
                + " execution_ms = excluded.execution_ms")) {
            ps.setString(1, name);
            ps.setString(2, checksum);
            ps.setString(3, environment);
            ps.setString(4, appliedBy);
            ps.setLong(5, millis);
            ps.executeUpdate();
        }
    }

    /** One history row; {@code action} is up, down, force, baseline, repair, adopt, backup or restore. */
    public void recordHistory(Connection c, long version, String id, String action, boolean success, String checksum,
                              String runMode, Instant startedAt, long durationMillis, String sqlState, String error,
                              Integer errorLine) throws SQLException {
        recordHistory(c, version, id, action, success, checksum, runMode, startedAt, durationMillis, sqlState, error,
                errorLine, null);
    }

    /** The same, with {@code detail}: who approved ({@code approve}), why ({@code outside-window}). */
    public void recordHistory(Connection c, long version, String id, String action, boolean success, String checksum,
                              String runMode, Instant startedAt, long durationMillis, String sqlState, String error,
                              Integer errorLine, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + history
                + " (version, name, action, outcome, checksum, run_mode, environment, started_at, duration_ms,"
                + " applied_by, sqlstate, error, error_line" + (detail == null ? "" : ", detail") + ")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (detail == null ? "" : ", ?") + ")")) {
            ps.setLong(1, version);
            ps.setString(2, id);
            ps.setString(3, action);
            ps.setString(4, success ? "success" : "failed");
            ps.setString(5, checksum);
            ps.setString(6, runMode);
            ps.setString(7, environment);
            ps.setTimestamp(8, Timestamp.from(startedAt));
            ps.setLong(9, durationMillis);
            ps.setString(10, appliedBy);
            ps.setString(11, sqlState);
            ps.setString(12, error);
            if (errorLine == null) {
                ps.setNull(13, Types.INTEGER);
            } else {
                ps.setInt(13, errorLine);
            }
            if (detail != null) {
                ps.setString(14, detail);
            }
            ps.executeUpdate();
        }
    }

    /**
     * The history's totals for metrics, in one query: migrations applied, rolled back and failed, when
     * one last went through, and how many that went through took at most each of {@code buckets}
     * seconds, with their count and total seconds. Only up and down rows count (not force, backup, ...).
     */
    public dev.dbmigrations.engine.monitor.Metrics.Reading totals(Connection c, long version, boolean dirty, int pending,
                                                                  double[] buckets) throws SQLException {
        StringBuilder sql = new StringBuilder("select count(*) filter (where outcome = 'success' and action = 'up'),"
                + " count(*) filter (where outcome = 'success' and action = 'down'),"
                + " count(*) filter (where outcome <> 'success'),"
                + " max(started_at + duration_ms * interval '1 millisecond') filter (where outcome = 'success'),"
                + " count(*) filter (where outcome = 'success'),"
                + " coalesce(sum(duration_ms) filter (where outcome = 'success'), 0),"
                + " max(id) filter (where outcome <> 'success')");
        for (double b : buckets) {
            sql.append(", count(*) filter (where outcome = 'success' and duration_ms <= ").append((long) (b * 1000)).append(')');
        }
        sql.append(" from ").append(history).append(" where action in ('up', 'down')");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            Timestamp last = rs.getTimestamp(4);
            long[] counts = new long[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                counts[i] = rs.getLong(8 + i);
            }
            return new dev.dbmigrations.engine.monitor.Metrics.Reading(version, dirty, pending, rs.getLong(1), rs.getLong(2),
                    rs.getLong(3), last == null ? null : last.toInstant(), counts, rs.getLong(5), rs.getLong(6) / 1000.0,
                    (Long) rs.getObject(7));
        }
    }

    public static String action(Direction d) {
        return d.label();
    }
}
