package dev.dbmigrations.engine;

import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each statement of a replayed up really did to the relations that existed before it, as
 * PostgreSQL reports it to the replaying session inside the statement's transaction: the locks it
 * took that block more than plain reads and writes (SHARE UPDATE EXCLUSIVE and stronger), and the
 * tables and indexes it rewrote (their relfilenode changed). Statements that run outside a
 * transaction release their locks at once and are not traced.
 */
final class LockTrace implements StepRunner.Observer {

    /** Lock modes that block more than the reads and writes of a running application. */
    static final Set<String> STRONG = Set.of("ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
            "ExclusiveLock", "AccessExclusiveLock");

    /** One traced statement: where it is, the locks it took and the relations it rewrote. */
    record Traced(SqlStatement statement, List<String> locks, List<String> rewritten) {
        int firstLine() {
            return statement.line();
        }

        int lastLine() {
            return statement.lineAt(Math.max(0, statement.text().length() - 1));
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (!locks.isEmpty()) {
                parts.add(String.join(", ", locks));
            }
            if (!rewritten.isEmpty()) {
                parts.add("rewrote " + String.join(", ", rewritten));
            }
            return "line " + firstLine() + ": " + (parts.isEmpty() ? "no strong lock" : String.join("; ", parts));
        }
    }

    private final Map<Long, String> names;
    private final Map<Long, Long> files;
    private final Set<String> locked = new HashSet<>();
    private final Set<Long> rewritten = new HashSet<>();
    private final List<Traced> traced = new ArrayList<>();

    private LockTrace(Map<Long, String> names, Map<Long, Long> files) {
        this.names = names;
        this.files = files;
    }

    /** Starts a trace over the tables, indexes and materialized views of {@code schema} as they are now. */
    static LockTrace before(Connection c, String schema) throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Long> files = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select c.oid::bigint, c.relname, c.relfilenode::bigint"
                + " from pg_catalog.pg_class c where c.relnamespace = ?::regnamespace and c.relkind in ('r', 'p', 'i', 'm')")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                    files.put(rs.getLong(1), rs.getLong(3));
                }
            }
        }
        return new LockTrace(names, files);
    }

    List<Traced> statements() {
        return traced;
    }

    /**
     * One query per statement, over the locks the session holds: a relation can only be rewritten by a
     * session that holds a lock on it, so the relations it locks are the only ones to look at.
     */
    @Override
    public void after(SqlStatement statement, Connection c) throws SQLException {
        List<String> locks = new ArrayList<>();
        List<String> rewrites = new ArrayList<>();
        if (!names.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("select l.relation::bigint, l.mode, c.relfilenode::bigint"
                    + " from pg_catalog.pg_locks l join pg_catalog.pg_class c on c.oid = l.relation"
                    + " where l.pid = pg_catalog.pg_backend_pid() and l.granted and l.locktype = 'relation'"
                    + " order by 1, 2")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long oid = rs.getLong(1);
                        String name = names.get(oid);
                        if (name == null) {
                            continue;
                        }
                        String lock = rs.getString(2) + " on " + name;
                        if (STRONG.contains(rs.getString(2)) && locked.add(lock)) {
                            locks.add(lock);
                        }
                        if (rs.getLong(3) != files.get(oid) && rewritten.add(oid)) {
                            rewrites.add(name);
                        }
                    }
                }
            }
        }
        traced.add(new Traced(statement, locks, rewrites));
    }
}
