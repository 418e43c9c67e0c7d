package dev.dbmigrations.engine.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of one schema as the catalog describes it: tables, columns with types, defaults and
 * nullability, constraints, indexes, functions, views, enum and domain types, triggers, sequences,
 * extensions installed in it and comments on its tables, columns and functions, one sorted line
 * each. The tool's own tracking tables are left out. Two snapshots are equal when the schema has the
 * same shape; {@link #diff} says what differs. Used to check that a down migration really undoes its up.
 *
 * <p>The lines are kept by <em>owner</em>: a relation (with its columns, constraints, indexes,
 * triggers and comments), a function, an enum or domain type, or an extension. An owner is the unit
 * that {@link CatalogWatch} reads again when a statement touched it, so that a replay does not read
 * the whole schema after every step.
 */
public final class CatalogSnapshot {

    /** One owner's lines (sorted), under its name ("relation users"), and the indexes it holds. */
    record Owner(String key, List<String> lines, Set<Long> indexes) {
    }

    private final String schema;
    private final Map<Long, Owner> owners;
    private List<String> lines;

    CatalogSnapshot(String schema, Map<Long, Owner> owners) {
        this.schema = schema;
        this.owners = Map.copyOf(owners);
    }

    public String schema() {
        return schema;
    }

    Map<Long, Owner> owners() {
        return owners;
    }

    /** Every line of the schema, sorted. */
    public List<String> lines() {
        if (lines == null) {
            TreeSet<String> all = new TreeSet<>();
            owners.values().forEach(o -> all.addAll(o.lines()));
            lines = List.copyOf(all);
        }
        return lines;
    }

    /*
     * Each query gives the owner's oid, its name, the index a line is about (or null) and the line.
     * {scope} is where a read of some owners only puts its filter, on an indexed oid column.
     */
    private static final String[] QUERIES = {
        // relations: tables, views, materialized views, sequences, foreign and partitioned tables
        "select c.oid::bigint, 'relation ' || c.relname, null::bigint, 'relation ' || c.relname || ' kind ' || c.relkind::text"
                + " from pg_class c where c.relnamespace = pg_catalog.to_regnamespace(?) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')"
                + " and c.relname <> all(?) {scope c.oid}",
        "select c.oid::bigint, 'relation ' || c.relname, null::bigint, 'column ' || c.relname || '.' || a.attname || ' '"
                + " || format_type(a.atttypid, a.atttypmod)"
                + " || case when a.attnotnull then ' not null' else '' end"
                + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                + " || case when a.attidentity <> '' then ' identity ' || a.attidentity::text else '' end"
                + " || case when a.attgenerated <> '' then ' generated' else '' end"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " where c.relnamespace = pg_catalog.to_regnamespace(?) and c.relkind in ('r', 'p', 'v', 'm', 'f')"
                + " and a.attnum > 0 and not a.attisdropped and c.relname <> all(?) {scope c.oid}",
        "select c.oid::bigint, 'relation ' || c.relname, null::bigint, 'constraint ' || c.relname || '.' || k.conname || ' '"
                + " || pg_get_constraintdef(k.oid) || case when k.convalidated then '' else ' (not validated)' end"
                + " from pg_constraint k join pg_class c on c.oid = k.conrelid"
                + " where k.connamespace = pg_catalog.to_regnamespace(?) and c.relname <> all(?) {scope k.conrelid}",
        "select t.oid::bigint, 'relation ' || t.relname, ic.oid::bigint, 'index ' || ic.relname || ' ' || pg_get_indexdef(ic.oid)"
                + " || case when x.indisvalid then '' else ' (invalid)' end"
                + " from pg_index x join pg_class ic on ic.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                + " where ic.relnamespace = pg_catalog.to_regnamespace(?) and ic.relkind in ('i', 'I') and t.relkind in ('r', 'm', 'p')"
                + " and t.relname <> all(?) {scope x.indrelid}",
        "select p.oid::bigint, 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', null::bigint,"
                + " 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '"
                + " || md5(replace(pg_get_functiondef(p.oid), quote_ident(n.nspname) || '.', '')) from pg_proc p"
                + " join pg_namespace n on n.oid = p.pronamespace"
                + " where p.pronamespace = pg_catalog.to_regnamespace(?) and p.prokind in ('f', 'p') and p.proname <> all(?) {scope p.oid}",
        "select c.oid::bigint, 'relation ' || c.relname, null::bigint, 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid)"
                + " from pg_class c where c.relnamespace = pg_catalog.to_regnamespace(?) and c.relkind = 'v' and c.relname <> all(?) {scope c.oid}",
        "select t.oid::bigint, 'type ' || t.typname, null::bigint, 'enum ' || t.typname || ' '"
                + " || string_agg(e.enumlabel, ',' order by e.enumsortorder)"
                + " from pg_type t join pg_enum e on e.enumtypid = t.oid"
                + " where t.typnamespace = pg_catalog.to_regnamespace(?) and t.typname <> all(?) {scope t.oid} group by t.oid, t.typname",
        "select t.oid::bigint, 'type ' || t.typname, null::bigint, 'domain ' || t.typname || ' '"
                + " || format_type(t.typbasetype, t.typtypmod) || case when t.typnotnull then ' not null' else '' end"
                + " from pg_type t where t.typnamespace = pg_catalog.to_regnamespace(?) and t.typtype = 'd' and t.typname <> all(?) {scope t.oid}",
        "select c.oid::bigint, 'relation ' || c.relname, null::bigint, 'trigger ' || c.relname || '.' || g.tgname || ' '"
                + " || pg_get_triggerdef(g.oid) from pg_trigger g join pg_class c on c.oid = g.tgrelid"
                + " where c.relnamespace = pg_catalog.to_regnamespace(?) and not g.tgisinternal and c.relname <> all(?) {scope g.tgrelid}",
        "select e.oid::bigint, 'extension ' || e.extname, null::bigint, 'extension ' || e.extname || ' ' || e.extversion"
                + " from pg_extension e where e.extnamespace = pg_catalog.to_regnamespace(?) and e.extname <> all(?) {scope e.oid}",
        "select c.oid::bigint, 'relation ' || c.relname, null::bigint,"
                + " 'comment ' || c.relname || coalesce('.' || a.attname, '') || ' ' || d.description"
                + " from pg_description d join pg_class c on c.oid = d.objoid and d.classoid = 'pg_class'::regclass"
                + " left join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid and d.objsubid > 0"
                + " where c.relnamespace = pg_catalog.to_regnamespace(?) and c.relkind not in ('i', 'I') and c.relname <> all(?) {scope c.oid}",
        // a comment on an index belongs to the index's table, like the index's own line
        "select t.oid::bigint, 'relation ' || t.relname, ic.oid::bigint, 'comment ' || ic.relname || ' ' || d.description"
                + " from pg_index x join pg_class ic on ic.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                + " join pg_description d on d.objoid = ic.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0"
                + " where ic.relnamespace = pg_catalog.to_regnamespace(?) and t.relname <> all(?) {scope x.indrelid}",
        "select p.oid::bigint, 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', null::bigint,"
                + " 'comment on function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '"
                + " || d.description from pg_description d join pg_proc p on p.oid = d.objoid"
                + " and d.classoid = 'pg_proc'::regclass where p.pronamespace = pg_catalog.to_regnamespace(?) and p.proname <> all(?) {scope p.oid}",
    };

    /** Every query at once, in one round trip: a replay reads the catalog after every step. */
    private static final String ALL = union(false);
    /** The same, for the owners whose oids are given. */
    private static final String SOME = union(true);

    private static String union(boolean scoped) {
        List<String> parts = new ArrayList<>();
        for (String q : QUERIES) {
            int at = q.indexOf("{scope ");
            int end = q.indexOf('}', at);
            String column = q.substring(at + 7, end);
            String one = q.substring(0, at) + (scoped ? "and " + column + " = scope.o" : "") + q.substring(end + 1);
            // some owners: each looked up by its oid, whatever the catalog's statistics say
            parts.add(scoped ? "(select q.* from unnest(?::bigint[]::oid[]) as scope(o) cross join lateral (" + one + ") q)"
                    : "(" + one + ")");
        }
        return String.join(" union all ", parts);
    }

    /**
     * Takes a snapshot of {@code schema}, leaving out the tracking tables named in {@code excluded}. The
     * catalog prints names qualified or not by the session's search_path, so the snapshot is read with
     * {@code pg_catalog} alone on it (every name qualified) and the session's own is put back: two
     * sessions with different search paths see the same schema the same way.
     */
    public static CatalogSnapshot take(Connection c, String schema, Set<String> excluded) throws SQLException {
        String searchPath;
        try (java.sql.Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('search_path'), set_config('search_path', 'pg_catalog', false)")) {
            rs.next();
            searchPath = rs.getString(1);
        }
        try {
            return new CatalogSnapshot(schema, read(c, schema, excluded, null));
        } finally {
            try (PreparedStatement ps = c.prepareStatement("select set_config('search_path', ?, false)")) {
                ps.setString(1, searchPath);
                ps.execute();
            }
        }
    }

    /**
     * The owners of {@code schema}, all of them or those whose oids are in {@code scope}, read on a
     * session whose search_path is {@code pg_catalog} alone.
     */
    static Map<Long, Owner> read(Connection c, String schema, Set<String> excluded, Collection<Long> scope)
            throws SQLException {
        Map<Long, String> keys = new HashMap<>();
        Map<Long, TreeSet<String>> lines = new HashMap<>();
        Map<Long, Set<Long>> indexes = new HashMap<>();
        java.sql.Array skip = c.createArrayOf("text", excluded.toArray(new String[0]));
        java.sql.Array only = scope == null ? null : c.createArrayOf("bigint", scope.toArray());
        try (PreparedStatement ps = c.prepareStatement(scope == null ? ALL : SOME)) {
            int i = 1;
            for (int q = 0; q < QUERIES.length; q++) {
                if (only != null) {
                    ps.setArray(i++, only);
                }
                ps.setString(i++, schema);
                ps.setArray(i++, skip);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long owner = rs.getLong(1);
                    keys.putIfAbsent(owner, rs.getString(2));
                    lines.computeIfAbsent(owner, o -> new TreeSet<>()).add(rs.getString(4));
                    long index = rs.getLong(3);
                    if (!rs.wasNull()) {
                        indexes.computeIfAbsent(owner, o -> new TreeSet<>()).add(index);
                    }
                }
            }
        }
        Map<Long, Owner> owners = new HashMap<>();
        keys.forEach((oid, key) -> owners.put(oid, new Owner(key, List.copyOf(lines.get(oid)),
                Set.copyOf(indexes.getOrDefault(oid, new TreeSet<>())))));
        return owners;
    }

    /** The tracking tables of a schema and their sequence, to leave out of a snapshot. */
    public static Set<String> trackingObjects(String schema, String golangTable) {
        return new TreeSet<>(List.of(Sql.tableOf(golangTable), Tracking.APPLIED, Tracking.HISTORY, Tracking.PROGRESS,
                Tracking.SEEDS, TrackingSchema.TABLE, Tracking.HISTORY + "_id_seq", schema + "_schema_migrations"));
    }

    /**
     * Lines only in this snapshot ("- ...") and only in {@code other} ("+ ..."), each sorted. Owners
     * with the same name and the same lines are passed over without looking at their lines one by one.
     */
    public List<String> diff(CatalogSnapshot other) {
        Map<String, List<String>> mine = byKey();
        Map<String, List<String>> theirs = other.byKey();
        TreeSet<String> left = new TreeSet<>();
        TreeSet<String> right = new TreeSet<>();
        for (Map.Entry<String, List<String>> e : mine.entrySet()) {
            List<String> t = theirs.get(e.getKey());
            if (t != e.getValue() && !e.getValue().equals(t)) {
                left.addAll(e.getValue());
                if (t != null) {
                    right.addAll(t);
                }
            }
        }
        theirs.forEach((key, t) -> {
            if (!mine.containsKey(key)) {
                right.addAll(t);
            }
        });
        // a line that moved between owners (a renamed table's comment) is the same line
        List<String> out = new ArrayList<>();
        for (String l : left) {
            if (!right.contains(l)) {
                out.add("- " + l);
            }
        }
        for (String l : right) {
            if (!left.contains(l)) {
                out.add("+ " + l);
            }
        }
        return out;
    }

    private Map<String, List<String>> byKey() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        owners.values().forEach(o -> m.put(o.key(), o.lines()));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogSnapshot s && schema.equals(s.schema) && lines().equals(s.lines());
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, lines());
    }

    @Override
    public String toString() {
        return "CatalogSnapshot[" + schema + ", " + lines().size() + " lines]";
    }
}
