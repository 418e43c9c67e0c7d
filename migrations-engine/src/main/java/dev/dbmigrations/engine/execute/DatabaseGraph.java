package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.plan.Graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers the planner's questions about other services from their tracking tables in the same
 * database: a service's schema is its name with '-' turned into '_', and every schema holding a
 * migrations_applied table is searched for applied migrations that recorded a requirement.
 */
public final class DatabaseGraph implements Graph {

    private final Connection c;

    public DatabaseGraph(Connection c) {
        this.c = c;
    }

    @Override
    public boolean applied(String service, long version) {
        String schema = MigrationsConfig.schemaFor(service);
        try (PreparedStatement exists = c.prepareStatement("select to_regclass(?)")) {
            exists.setString(1, Sql.ident(schema) + "." + Sql.ident(Tracking.APPLIED));
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select 1 from " + Sql.ident(schema) + "."
                    + Sql.ident(Tracking.APPLIED) + " where version = ?")) {
                ps.setLong(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tracking tables of " + service + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> dependants(String service, long version) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement schemas = c.prepareStatement("select n.nspname from pg_class t join pg_namespace n"
                + " on n.oid = t.relnamespace join pg_attribute a on a.attrelid = t.oid and a.attname = 'requires'"
                + " where t.relname = ? and t.relkind = 'r' order by 1")) {
            schemas.setString(1, Tracking.APPLIED);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = schemas.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String schema : names) {
                try (PreparedStatement ps = c.prepareStatement("select coalesce(service, ?), version from "
                        + Sql.ident(schema) + "." + Sql.ident(Tracking.APPLIED) + " where requires @> array[?]::text[]")) {
                    ps.setString(1, schema.replace('_', '-'));
                    ps.setString(2, service + ":" + version);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1) + ":" + rs.getLong(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the tracking tables for dependants: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Objects in other schemas that depend on tables of {@code schema}: foreign keys that reference
     * them and views that read them. Dropping the schema (a restore replaces it) would drop these too.
     */
    public List<String> dependentsOutside(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select 'foreign key ' || con.conname || ' of ' || con.conrelid::regclass::text from pg_catalog.pg_constraint con"
                        + " join pg_catalog.pg_class t on t.oid = con.confrelid"
                        + " join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace"
                        + " join pg_catalog.pg_namespace cn on cn.oid = con.connamespace"
                        + " where con.contype = 'f' and tn.nspname = ? and cn.nspname <> ?"
                        + " union"
                        + " select 'view ' || v.oid::regclass::text from pg_catalog.pg_depend d"
                        + " join pg_catalog.pg_rewrite r on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = r.oid"
                        + " join pg_catalog.pg_class t on d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = t.oid"
                        + " join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace"
                        + " join pg_catalog.pg_class v on v.oid = r.ev_class"
                        + " join pg_catalog.pg_namespace vn on vn.oid = v.relnamespace"
                        + " where tn.nspname = ? and vn.nspname <> ?"
                        + " order by 1")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            ps.setString(3, schema);
            ps.setString(4, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Whether a schema of that name exists. */
    public boolean schemaExists(String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_catalog.pg_namespace where nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
