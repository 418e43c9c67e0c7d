package dev.dbmigrations.engine.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Catalog snapshots of a replay, each read after a step, at the cost of what the step changed rather
 * than of the whole schema. Two event triggers (ddl_command_end and sql_drop) write every object a
 * statement created, changed or dropped into a log in the scratch database; a snapshot reads the
 * owners (see {@link CatalogSnapshot}) that the log names since the last snapshot, and keeps the rest.
 * Creating event triggers needs a superuser: without one, or with {@code full}, every snapshot reads
 * the whole schema. The watch works on its own session with {@code pg_catalog} alone on the
 * search_path, so it reads what the steps committed and never changes the replaying session.
 *
 * <p>What the log cannot see: a change in another schema that only alters how an object of this one
 * prints (a type of another schema renamed under a column). The renamed object itself is in its own
 * schema's snapshot.
 */
public final class CatalogWatch implements AutoCloseable {

    static final String SCHEMA = "dbmigrations_verify_watch";

    private static final String INSTALL = String.join(";\n",
            "drop event trigger if exists " + SCHEMA + "_ddl",
            "drop event trigger if exists " + SCHEMA + "_drop",
            "drop schema if exists " + SCHEMA + " cascade",
            "create schema " + SCHEMA,
            "create unlogged table " + SCHEMA + ".log (id bigserial primary key, schema text, type text, classid oid,"
                    + " objid oid, names text[], dropped boolean not null)",
            // security definer: a migration that sets a less privileged role still writes the log
            // the owner an object's lines are kept under: an index belongs to its table, a constraint,
            // trigger, default or rule to its relation, a table's row type to the table
            "create function " + SCHEMA + ".owner_of(cls oid, obj oid) returns oid language sql stable"
                    + " as $$ select case cls"
                    + " when 'pg_catalog.pg_class'::regclass then coalesce((select x.indrelid from pg_catalog.pg_index x where x.indexrelid = obj), obj)"
                    + " when 'pg_catalog.pg_constraint'::regclass then (select coalesce(nullif(k.conrelid, 0), k.contypid) from pg_catalog.pg_constraint k where k.oid = obj)"
                    + " when 'pg_catalog.pg_trigger'::regclass then (select g.tgrelid from pg_catalog.pg_trigger g where g.oid = obj)"
                    + " when 'pg_catalog.pg_attrdef'::regclass then (select d.adrelid from pg_catalog.pg_attrdef d where d.oid = obj)"
                    + " when 'pg_catalog.pg_rewrite'::regclass then (select r.ev_class from pg_catalog.pg_rewrite r where r.oid = obj)"
                    + " when 'pg_catalog.pg_type'::regclass then (select coalesce(nullif(t.typrelid, 0), t.oid) from pg_catalog.pg_type t where t.oid = obj)"
                    + " else obj end $$",
            "create function " + SCHEMA + ".ddl() returns event_trigger language plpgsql security definer"
                    + " set search_path = pg_catalog as $$ begin insert into " + SCHEMA + ".log (schema, type, classid,"
                    + " objid, dropped) select schema_name, object_type, classid, objid, false"
                    + " from pg_event_trigger_ddl_commands(); end $$",
            "create function " + SCHEMA + ".dropped() returns event_trigger language plpgsql security definer"
                    + " set search_path = pg_catalog as $$ begin insert into " + SCHEMA + ".log (schema, type, classid,"
                    + " objid, names, dropped) select schema_name, object_type, classid, objid, address_names, true"
                    + " from pg_event_trigger_dropped_objects(); end $$",
            "create event trigger " + SCHEMA + "_ddl on ddl_command_end execute procedure " + SCHEMA + ".ddl()",
            "create event trigger " + SCHEMA + "_drop on sql_drop execute procedure " + SCHEMA + ".dropped()");

    /*
     * The log since a snapshot: each entry with its owner as the catalog says now, the table named by a
     * dropped part of a table (constraint, trigger, default, rule, column: address_names holds schema,
     * table and part), and the owners whose lines print the entry's owner (a view on a renamed table,
     * a column of a renamed type, a foreign key to a renamed table) or inherit from it (partitions).
     */
    private static final String CHANGES = "with l as materialized (select id, dropped, objid, type, names, "
            + SCHEMA + ".owner_of(classid, objid) as owner from " + SCHEMA + ".log"
            + " where id > ? and (schema = ? or schema is null))"
            + " select l.id, l.dropped, l.objid::bigint, l.owner::bigint,"
            + " case when l.dropped and l.type in ('table constraint', 'trigger', 'default value', 'rule', 'table column')"
            + " then (select c.oid from pg_class c where c.relnamespace = pg_catalog.to_regnamespace(?) and c.relname = l.names[2]) end::bigint,"
            + " array(with recursive k(o) as (select i.inhrelid from pg_inherits i where i.inhparent = l.owner"
            + " union select i.inhrelid from pg_inherits i join k on i.inhparent = k.o)"
            + " select o::bigint from k union select " + SCHEMA + ".owner_of(d.classid, d.objid)::bigint from pg_depend d"
            + " where d.refclassid in ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass)"
            + " and d.refobjid = l.owner and d.deptype in ('n', 'a'))"
            + " from l order by l.id";

    private final Connection reader;
    private final boolean logged;
    private final Map<String, Schema> schemas = new HashMap<>();

    private CatalogWatch(Connection reader, boolean logged) {
        this.reader = reader;
        this.logged = logged;
    }

    /**
     * Starts watching the database {@code reader} is connected to, a scratch database the tool may
     * change. {@code incremental} false, or a user who may not create event triggers, gives a watch
     * that reads the whole schema each time. The watch owns {@code reader} and closes it.
     */
    public static CatalogWatch open(Connection reader, boolean incremental) throws SQLException {
        try (Statement st = reader.createStatement()) {
            st.execute("set search_path = pg_catalog");
        }
        try (Statement st = reader.createStatement()) {
            // the same few queries again and again: planned once (PostgreSQL 12 and later)
            st.execute("set plan_cache_mode = force_generic_plan");
        } catch (SQLException older) {
            // planned every time
        }
        if (!incremental) {
            return new CatalogWatch(reader, false);
        }
        boolean auto = reader.getAutoCommit();
        reader.setAutoCommit(false);
        try (Statement st = reader.createStatement()) {
            st.execute(INSTALL);
            reader.commit();
            return new CatalogWatch(reader, true);
        } catch (SQLException e) {
            reader.rollback();
            if (!"42501".equals(e.getSQLState())) {  // insufficient_privilege: read the whole schema instead
                throw e;
            }
            return new CatalogWatch(reader, false);
        } finally {
            reader.setAutoCommit(auto);
        }
    }

    /**
     * The watch's own session (autocommit, {@code pg_catalog} alone on its search_path): it sees what
     * is committed, so while a step's transaction is open, the catalog as it was before the step.
     */
    public Connection session() {
        return reader;
    }

    /** Whether snapshots read only what changed (the event triggers are in place). */
    public boolean incremental() {
        return logged;
    }

    /** The schema as it is now, read incrementally from the last snapshot of the same schema. */
    public CatalogSnapshot snapshot(String schema, Set<String> excluded) throws SQLException {
        Schema s = schemas.computeIfAbsent(schema, k -> new Schema(k, excluded));
        return s.next();
    }

    private final class Schema {
        final String name;
        final Set<String> excluded;
        Map<Long, CatalogSnapshot.Owner> owners;
        long seen;
        int analyzedAt;

        Schema(String name, Set<String> excluded) {
            this.name = name;
            this.excluded = excluded;
        }

        CatalogSnapshot next() throws SQLException {
            if (!logged) {
                return new CatalogSnapshot(name, CatalogSnapshot.read(reader, name, excluded, null));
            }
            if (owners == null) {
                try (Statement st = reader.createStatement();
                     ResultSet rs = st.executeQuery("select coalesce(max(id), 0) from " + SCHEMA + ".log")) {
                    rs.next();
                    seen = rs.getLong(1);
                }
                owners = CatalogSnapshot.read(reader, name, excluded, null);
                return new CatalogSnapshot(name, owners);
            }
            if (owners.size() >= 2 * analyzedAt + 100) {
                analyze();
                analyzedAt = owners.size();
            }
            Set<Long> touched = touched();
            if (!touched.isEmpty()) {
                Map<Long, CatalogSnapshot.Owner> now = new HashMap<>(owners);
                touched.forEach(now::remove);
                now.putAll(CatalogSnapshot.read(reader, name, excluded, touched));
                owners = now;
            }
            return new CatalogSnapshot(name, owners);
        }

        /** The owners the log names since the last snapshot: changed, created or dropped. */
        private Set<Long> touched() throws SQLException {
            Map<Long, Long> ownerOfIndex = new HashMap<>();
            owners.forEach((oid, o) -> o.indexes().forEach(i -> ownerOfIndex.put(i, oid)));
            Set<Long> touched = new HashSet<>();
            try (PreparedStatement ps = reader.prepareStatement(CHANGES)) {
                ps.setLong(1, seen);
                ps.setString(2, name);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen = rs.getLong(1);
                        long objid = rs.getLong(3);
                        if (rs.getBoolean(2)) {
                            touched.add(ownerOfIndex.getOrDefault(objid, objid));
                        } else {
                            long owner = rs.getLong(4);
                            if (!rs.wasNull()) {
                                touched.add(owner);
                            }
                        }
                        long table = rs.getLong(5);
                        if (!rs.wasNull()) {
                            touched.add(table);
                        }
                        for (Object dependent : (Object[]) rs.getArray(6).getArray()) {
                            if (dependent != null) {
                                touched.add(((Number) dependent).longValue());
                            }
                        }
                    }
                }
            }
            touched.remove(0L);
            return touched;
        }
    }

    /**
     * Statistics of the catalog as it is now. A new database has those of a nearly empty one; as the
     * replay fills it, the planner would scan it whole where looking a few owners up by oid is right.
     * Read again each time the schema doubled: a few times in a long replay.
     */
    private void analyze() throws SQLException {
        try (Statement st = reader.createStatement()) {
            st.execute("analyze pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_attrdef,"
                    + " pg_catalog.pg_constraint, pg_catalog.pg_index, pg_catalog.pg_proc, pg_catalog.pg_type,"
                    + " pg_catalog.pg_trigger, pg_catalog.pg_description, pg_catalog.pg_depend, pg_catalog.pg_rewrite, "
                    + SCHEMA + ".log");
        }
    }

    /** Removes the event triggers and the log, and closes the session. */
    @Override
    public void close() throws SQLException {
        try (reader) {
            if (logged) {
                try (Statement st = reader.createStatement()) {
                    st.execute("drop event trigger if exists " + SCHEMA + "_ddl; drop event trigger if exists "
                            + SCHEMA + "_drop; drop schema if exists " + SCHEMA + " cascade");
                }
            }
        }
    }
}
