package dev.dbmigrations.engine.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of one schema as the catalog describes it: tables, columns with types, defaults and
 * nullability, constraints, indexes, functions, views, enum and domain types, triggers, sequences,
 * extensions installed in it and comments on its tables, columns and functions, one sorted line
 * each. The tool's own tracking tables are left out. Two snapshots are
 * equal when the schema has the same shape; {@link #diff} says what differs. Used to check that a
 * down migration really undoes its up.
 */
public record CatalogSnapshot(String schema, List<String> lines) {

    public CatalogSnapshot {
        lines = List.copyOf(lines);
    }

    private static final String[] QUERIES = {
        // relations: tables, views, materialized views, sequences, foreign and partitioned tables
        "select 'relation ' || c.relname || ' kind ' || c.relkind::text from pg_class c"
                + " where c.relnamespace = ?::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')"
                + " and c.relname <> all(?)",
        "select 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || case when a.attnotnull then ' not null' else '' end"
                + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                + " || case when a.attidentity <> '' then ' identity ' || a.attidentity::text else '' end"
                + " || case when a.attgenerated <> '' then ' generated' else '' end"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " where c.relnamespace = ?::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')"
                + " and a.attnum > 0 and not a.attisdropped and c.relname <> all(?)",
        "select 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)"
                + " || case when k.convalidated then '' else ' (not validated)' end"
                + " from pg_constraint k join pg_class c on c.oid = k.conrelid"
                + " where k.connamespace = ?::regnamespace and c.relname <> all(?)",
        "select 'index ' || i.indexname || ' ' || i.indexdef"
                + " || case when x.indisvalid then '' else ' (invalid)' end"
                + " from pg_indexes i join pg_class ic on ic.relname = i.indexname and ic.relnamespace = ?::regnamespace"
                + " join pg_index x on x.indexrelid = ic.oid"
                + " where i.schemaname = ? and i.tablename <> all(?)",
        "select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '"
                + " || md5(replace(pg_get_functiondef(p.oid), quote_ident(n.nspname) || '.', '')) from pg_proc p"
                + " join pg_namespace n on n.oid = p.pronamespace"
                + " where p.pronamespace = ?::regnamespace and p.prokind in ('f', 'p') and p.proname <> all(?)",
        "select 'view ' || v.viewname || ' ' || v.definition from pg_views v"
                + " where v.schemaname = ? and v.viewname <> all(?)",
        "select 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' order by e.enumsortorder)"
                + " from pg_type t join pg_enum e on e.enumtypid = t.oid"
                + " where t.typnamespace = ?::regnamespace and t.typname <> all(?) group by t.typname",
        "select 'domain ' || t.typname || ' ' || format_type(t.typbasetype, t.typtypmod)"
                + " || case when t.typnotnull then ' not null' else '' end"
                + " from pg_type t where t.typnamespace = ?::regnamespace and t.typtype = 'd' and t.typname <> all(?)",
        "select 'trigger ' || c.relname || '.' || g.tgname || ' ' || pg_get_triggerdef(g.oid)"
                + " from pg_trigger g join pg_class c on c.oid = g.tgrelid"
                + " where c.relnamespace = ?::regnamespace and not g.tgisinternal and c.relname <> all(?)",
        "select 'extension ' || e.extname || ' ' || e.extversion from pg_extension e"
                + " where e.extnamespace = ?::regnamespace and e.extname <> all(?)",
        "select 'comment ' || c.relname || coalesce('.' || a.attname, '') || ' ' || d.description"
                + " from pg_description d join pg_class c on c.oid = d.objoid and d.classoid = 'pg_class'::regclass"
                + " left join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid and d.objsubid > 0"
                + " where c.relnamespace = ?::regnamespace and c.relname <> all(?)",
        "select 'comment on function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '"
                + " || d.description from pg_description d join pg_proc p on p.oid = d.objoid"
                + " and d.classoid = 'pg_proc'::regclass where p.pronamespace = ?::regnamespace and p.proname <> all(?)",
    };

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
            return read(c, schema, excluded);
        } finally {
            try (PreparedStatement ps = c.prepareStatement("select set_config('search_path', ?, false)")) {
                ps.setString(1, searchPath);
                ps.execute();
            }
        }
    }

    /** Every query at once, in one round trip: a replay takes three snapshots per migration. */
    private static final String ALL = String.join(" union all ", java.util.Arrays.stream(QUERIES).map(q -> "(" + q + ")").toList());

    private static CatalogSnapshot read(Connection c, String schema, Set<String> excluded) throws SQLException {
        Set<String> lines = new TreeSet<>();
        java.sql.Array skip = c.createArrayOf("text", excluded.toArray(new String[0]));
        try (PreparedStatement ps = c.prepareStatement(ALL)) {
            int i = 1;
            for (String sql : QUERIES) {
                ps.setString(i++, schema);
                if (sql.contains("i.schemaname = ?")) {
                    ps.setString(i++, schema);
                }
                ps.setArray(i++, skip);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return new CatalogSnapshot(schema, new ArrayList<>(lines));
    }

    /** The tracking tables of a schema and their sequence, to leave out of a snapshot. */
    public static Set<String> trackingObjects(String schema, String golangTable) {
        return new TreeSet<>(List.of(Sql.tableOf(golangTable), Tracking.APPLIED, Tracking.HISTORY, Tracking.PROGRESS,
                Tracking.SEEDS, TrackingSchema.TABLE, Tracking.HISTORY + "_id_seq", schema + "_schema_migrations"));
    }

    /** Lines only in this snapshot ("- ...") and only in {@code other} ("+ ..."). */
    public List<String> diff(CatalogSnapshot other) {
        List<String> out = new ArrayList<>();
        Set<String> mine = new TreeSet<>(lines);
        Set<String> theirs = new TreeSet<>(other.lines);
        for (String l : mine) {
            if (!theirs.contains(l)) {
                out.add("- " + l);
            }
        }
        for (String l : theirs) {
            if (!mine.contains(l)) {
                out.add("+ " + l);
            }
        }
        return out;
    }
}
