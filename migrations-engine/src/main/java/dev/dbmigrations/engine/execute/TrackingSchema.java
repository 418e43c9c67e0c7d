package dev.dbmigrations.engine.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The shape of the tool's own tables in a service schema, versioned: {@code migrations_tracking}
 * records each upgrade step that ran, and a run brings the tables of any earlier release up to
 * {@link #CURRENT} by the steps it has not had, in order, each in one transaction with its record.
 * Every step is written so that it also holds on a database that already has part of it (the
 * releases before the version table had no record of their shape). A database newer than this
 * code is refused rather than written to. See docs/orchestrator.md ("Tables").
 */
final class TrackingSchema {

    static final String TABLE = "migrations_tracking";

    /** One upgrade: its number, what it brings, and its DDL with {schema}, {golang}, {applied}, {history}, ... */
    record Step(int version, String description, List<String> sql) {
    }

    static final List<Step> STEPS = List.of(
            new Step(1, "golang-migrate's table, the applied set and the history", List.of(
                    "create table if not exists {golang} (version bigint not null primary key, dirty boolean not null)",
                    "create table if not exists {applied} (version bigint primary key, name text not null, checksum text,"
                            + " kind text not null default 'applied', run_mode text, environment text,"
                            + " applied_at timestamptz not null default now(), applied_by text,"
                            + " db_user text not null default current_user, execution_ms bigint)",
                    "create table if not exists {history} (id bigserial primary key, version bigint not null, name text,"
                            + " action text not null, outcome text not null, checksum text, run_mode text, environment text,"
                            + " started_at timestamptz not null, duration_ms bigint, applied_by text,"
                            + " db_user text not null default current_user, sqlstate text, error text, error_line integer)")),
            new Step(2, "the service and the requirements of each applied migration", List.of(
                    "alter table {applied} add column if not exists service text",
                    "alter table {applied} add column if not exists requires text[] not null default '{}'")),
            new Step(3, "progress of migrations that run outside a transaction", List.of(
                    "create table if not exists {progress} (version bigint primary key, direction text not null,"
                            + " checksum text not null, statements_done integer not null,"
                            + " updated_at timestamptz not null default now())")),
            new Step(4, "seeds, and details of history rows", List.of(
                    "create table if not exists {seeds} (name text primary key, checksum text not null, environment text,"
                            + " applied_at timestamptz not null default now(), applied_by text,"
                            + " db_user text not null default current_user, execution_ms bigint)",
                    "alter table {history} add column if not exists detail text")));

    /** The version this code writes. */
    static final int CURRENT = STEPS.get(STEPS.size() - 1).version();

    private final String schema;
    private final String golangSchema;
    private final String golangName;
    private final java.util.Map<String, String> names;

    TrackingSchema(String schema, String golangSchema, String golangName, java.util.Map<String, String> names) {
        this.schema = schema;
        this.golangSchema = golangSchema;
        this.golangName = golangName;
        this.names = names;
    }

    /**
     * The version of the tables in the database: {@link #CURRENT} or less when a run must upgrade them
     * (0: no version table yet, whatever else is there), more when a newer release wrote them, and -1
     * when golang-migrate's table is missing (it may be dropped on its own).
     */
    int version(Connection c) throws SQLException {
        boolean versioned;
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null, to_regclass(?) is not null")) {
            ps.setString(1, Sql.ident(schema) + "." + Sql.ident(TABLE));
            ps.setString(2, Sql.ident(golangSchema) + "." + Sql.ident(golangName));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(2)) {
                    return -1;
                }
                versioned = rs.getBoolean(1);
            }
        }
        if (!versioned) {
            return 0;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(max(version), 0) from " + table())) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Creates the schema and brings its tables to {@link #CURRENT}: on an autocommit connection each
     * missing step in one transaction with its row in {@code migrations_tracking}; inside a transaction
     * of the caller (a restore), all of them in it. Returns the steps that ran. The caller holds the
     * schema lock.
     */
    List<Step> upgrade(Connection c, String byTool) throws SQLException {
        boolean own = c.getAutoCommit();
        try (Statement st = c.createStatement()) {
            st.execute("create schema if not exists " + Sql.ident(schema));
            if (!golangSchema.equals(schema)) {
                st.execute("create schema if not exists " + Sql.ident(golangSchema));
            }
            st.execute("create table if not exists " + table() + " (version integer primary key,"
                    + " description text not null, upgraded_at timestamptz not null default now(), by_tool text)");
        }
        int at;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(max(version), 0) from " + table())) {
            rs.next();
            at = rs.getInt(1);
        }
        List<Step> ran = new java.util.ArrayList<>();
        for (Step step : STEPS) {
            if (step.version() <= at) {
                continue;
            }
            if (own) {
                Transactions.inOne(c, () -> apply(c, step, byTool));
            } else {
                apply(c, step, byTool);
            }
            ran.add(step);
        }
        return ran;
    }

    /** One step's DDL and its row. */
    private Void apply(Connection c, Step step, String byTool) throws SQLException {
        try (Statement st = c.createStatement();
             PreparedStatement record = c.prepareStatement("insert into " + table()
                     + " (version, description, by_tool) values (?, ?, ?)")) {
            for (String sql : step.sql()) {
                st.execute(expand(sql));
            }
            record.setInt(1, step.version());
            record.setString(2, step.description());
            record.setString(3, byTool);
            record.executeUpdate();
        }
        return null;
    }

    private String table() {
        return Sql.ident(schema) + "." + Sql.ident(TABLE);
    }

    private String expand(String sql) {
        String out = sql;
        for (java.util.Map.Entry<String, String> e : names.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
