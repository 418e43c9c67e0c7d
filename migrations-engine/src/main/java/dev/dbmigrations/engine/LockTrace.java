package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.VerifyResult;
import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    /**
     * Lock modes that block more than the reads and writes of a running application, with what each
     * blocks (PostgreSQL's documentation, "Table-Level Locks", the same for versions 12 to 17).
     */
    static final Map<String, String> STRONG = Map.of(
            "ShareUpdateExclusiveLock", "schema changes, VACUUM and index builds (reads and writes go on)",
            "ShareLock", "writes (reads go on)",
            "ShareRowExclusiveLock", "writes and schema changes (reads go on)",
            "ExclusiveLock", "writes (reads go on)",
            "AccessExclusiveLock", "every read and write");

    /** One traced statement: where it is, the locks it took and the relations it rewrote. */
    record Traced(SqlStatement statement, List<VerifyResult.Lock> locks, List<String> rewritten) {
        int firstLine() {
            return statement.line();
        }

        int lastLine() {
            return statement.lineAt(Math.max(0, statement.text().length() - 1));
        }

        /** The statement as seen, with the risk that follows from what it held and rewrote. */
        VerifyResult.Traced observed() {
            VerifyResult.Risk risk;
            String reason;
            VerifyResult.Lock strongest = locks.stream().max(java.util.Comparator.comparing(l -> ORDER.indexOf(l.mode())))
                    .orElse(null);
            if (!rewritten.isEmpty()) {
                risk = VerifyResult.Risk.HIGH;
                reason = "PostgreSQL rewrote " + String.join(", ", rewritten) + (strongest == null ? ""
                        : ", blocking " + strongest.blocks() + " on " + strongest.relation())
                        + " for the whole rewrite, which grows with the table";
            } else if (strongest == null) {
                risk = VerifyResult.Risk.LOW;
                reason = "no lock stronger than reads and writes take";
            } else if (strongest.mode().equals("ShareLock")) {
                risk = VerifyResult.Risk.HIGH;
                reason = "an index build: it blocks " + strongest.blocks() + " on " + strongest.relation()
                        + " until the migration commits, for a time that grows with the table";
            } else if (strongest.mode().equals("ShareUpdateExclusiveLock")) {
                risk = VerifyResult.Risk.LOW;
                reason = "it blocks only " + strongest.blocks() + " on " + strongest.relation();
            } else {
                risk = VerifyResult.Risk.MEDIUM;
                reason = "it blocks " + strongest.blocks() + " on " + strongest.relation() + " until the migration"
                        + " commits; it waits behind running queries, and everything after it waits too";
            }
            return new VerifyResult.Traced(firstLine(), locks, rewritten, risk, reason);
        }
    }

    private static final List<String> ORDER = List.of("ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
            "ExclusiveLock", "AccessExclusiveLock");

    private final Connection committed;
    private final String schema;
    private final Set<String> locked = new HashSet<>();
    /** Each traced relation's file as the previous statement left it: a second rewrite in one migration shows too. */
    private final Map<Long, Long> seenFiles = new HashMap<>();
    private final List<Traced> traced = new ArrayList<>();

    private LockTrace(Connection committed, String schema) {
        this.committed = committed;
        this.schema = schema;
    }

    /**
     * Starts a trace of the statements of one migration over the tables, indexes and materialized views
     * of {@code schema} that exist before it. {@code committed} is another session on the same database:
     * while the migration's transaction is open it still sees the relations as they were before it, their
     * names and files, so nothing has to be read ahead of the migration.
     */
    static LockTrace before(Connection committed, String schema) {
        return new LockTrace(committed, schema);
    }

    List<Traced> statements() {
        return traced;
    }

    /**
     * Per statement, the locks the session holds and the files of the locked relations and of their
     * indexes (a relation can only be rewritten by a session that holds a lock on it or on its table;
     * indexes are rebuilt under the table's lock), then, for those, what the committed catalog says.
     */
    @Override
    public void after(SqlStatement statement, Connection c) throws SQLException {
        List<Object[]> now = new ArrayList<>();  // oid, lock mode (null for an index of a locked table), file
        try (PreparedStatement ps = c.prepareStatement("with l as (select l.relation, l.mode from pg_catalog.pg_locks l"
                + " where l.pid = pg_catalog.pg_backend_pid() and l.granted and l.locktype = 'relation'"
                + " and l.relation >= 16384)"  // FirstNormalObjectId: the system catalogs are of no interest
                + " select l.relation::bigint, l.mode, c.relfilenode::bigint from l"
                + " join pg_catalog.pg_class c on c.oid = l.relation"
                + " union all select x.indexrelid::bigint, null, c.relfilenode::bigint from pg_catalog.pg_index x"
                + " join pg_catalog.pg_class c on c.oid = x.indexrelid where x.indrelid in (select relation from l)"
                + " order by 1, 2")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    now.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)});
                }
            }
        }
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> files = new HashMap<>();
        if (!now.isEmpty()) {
            try (PreparedStatement ps = committed.prepareStatement("select c.oid::bigint, c.relname, c.relfilenode::bigint"
                    + " from pg_catalog.pg_class c where c.oid = any(?::bigint[]::oid[])"
                    + " and c.relnamespace = pg_catalog.to_regnamespace(?) and c.relkind in ('r', 'p', 'i', 'm')")) {
                ps.setArray(1, committed.createArrayOf("bigint", now.stream().map(r -> r[0]).distinct().toArray()));
                ps.setString(2, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.put(rs.getLong(1), rs.getString(2));
                        files.put(rs.getLong(1), rs.getLong(3));
                    }
                }
            }
        }
        List<VerifyResult.Lock> locks = new ArrayList<>();
        List<String> rewrites = new ArrayList<>();
        for (Object[] r : now) {
            long oid = (Long) r[0];
            String name = names.get(oid);
            if (name == null) {
                continue;  // created by this migration, or not in the schema
            }
            String mode = (String) r[1];
            if (mode != null && STRONG.containsKey(mode) && locked.add(mode + " on " + name)) {
                locks.add(new VerifyResult.Lock(mode, name, STRONG.get(mode)));
            }
            long file = (Long) r[2];
            if (file != seenFiles.getOrDefault(oid, files.get(oid))) {
                rewrites.add(name);
            }
            seenFiles.put(oid, file);
        }
        traced.add(new Traced(statement, locks, rewrites));
    }
}
