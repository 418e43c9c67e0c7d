package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the folder's migrations have built so far, as the rules need it: the tables, the type of each
 * column, and what proves a column free of nulls (its own NOT NULL, a valid {@code CHECK (column IS
 * NOT NULL)}), replayed from the up files in version order (CREATE TABLE, ADD COLUMN, ALTER COLUMN
 * TYPE, SET/DROP NOT NULL, not-null checks, RENAME, DROP). A table or column the folder never created
 * (made by hand, or by a tool before this one) is unknown, and a rule that needs it says so or stays
 * with what the statement alone shows. Names are lower-cased unless quoted, and a table's name resolves
 * as the run's search_path resolves it (see {@link #resolve}): {@code users} is the service schema's
 * table, or public's when only public has one; {@code audit.users} is another table.
 *
 * <p>A down file is linted on the catalog its up file left, and what it changes is then undone
 * ({@link #savepoint()}, {@link #rollbackTo}): the next migration sees the up file's schema. The undo
 * keeps a copy of each table a down file touches, so linting a folder stays linear in its size.
 */
public final class Catalog {

    /** One table's facts. */
    private static final class Table {
        final Map<String, ColumnType> columns = new LinkedHashMap<>();
        final Set<String> notNull = new HashSet<>();
        final Set<String> checked = new HashSet<>();
        /** Constraint name of a {@code CHECK (column IS NOT NULL)} to its column. */
        final Map<String, String> notNullChecks = new HashMap<>();
        /** Created with PARTITION BY: a parent whose rows live in its partitions; null when not created by the folder. */
        Boolean partitioned;

        Table copy() {
            Table t = new Table();
            t.columns.putAll(columns);
            t.notNull.addAll(notNull);
            t.checked.addAll(checked);
            t.notNullChecks.putAll(notNullChecks);
            t.partitioned = partitioned;
            return t;
        }
    }

    /** Tables by their resolved name, {@code schema.table}. */
    private final Map<String, Table> tables = new HashMap<>();
    /** The service schema: first on the run's search_path, where unqualified names are created. */
    private final String schema;
    /** While recording: how to undo each change, in order; null when not recording. */
    private List<Runnable> journal;
    /** Tables already saved in the journal since recording began. */
    private final Set<String> saved = new HashSet<>();

    /** A catalog for a service whose schema is not known here: unqualified names are public's. */
    public Catalog() {
        this("public");
    }

    /** A catalog for the service that owns {@code schema} (its name as configured, unquoted). */
    public Catalog(String schema) {
        this.schema = schema == null || schema.isBlank() ? "public" : schema;
    }

    /**
     * A table's name as written ({@link Tokens#tableName}) resolved as the run's search_path resolves it
     * (the service schema, then public: see docs/orchestrator.md): a qualified name is its own; an
     * unqualified one is the service schema's table, or public's when the folder created the table in
     * public and not in the service schema. The result is {@code schema.table}.
     */
    public String resolve(String table) {
        if (table.indexOf('.') >= 0) {
            return table;
        }
        String own = schema + "." + table;
        if (!tables.containsKey(own) && tables.containsKey("public." + table)) {
            return "public." + table;
        }
        return own;
    }

    /** Where a CREATE TABLE of {@code table} (as written) puts it: an unqualified name in the service schema. */
    private String created(String table) {
        return table.indexOf('.') >= 0 ? table : schema + "." + table;
    }

    /** Whether two names as written may be one table, comparing their last parts (for lookups without a catalog). */
    public static boolean sameLastPart(String a, String b) {
        return a.substring(a.lastIndexOf('.') + 1).equals(b.substring(b.lastIndexOf('.') + 1));
    }

    /** The column's type as the folder made it, or null when the folder does not say. */
    public ColumnType typeOf(String table, String column) {
        Table t = tables.get(resolve(table));
        return t == null ? null : t.columns.get(column);
    }

    /**
     * Whether the column is known to hold no null: its NOT NULL (or primary key), or a valid
     * {@code CHECK (column IS NOT NULL)}, added by the folder before this statement.
     */
    public boolean provenNotNull(String table, String column) {
        Table t = tables.get(resolve(table));
        return t != null && (t.notNull.contains(column) || t.checked.contains(column));
    }

    /**
     * Whether the folder created the table as a partitioned table ({@code PARTITION BY}): true or false
     * for a table it created, null for one it did not.
     */
    public Boolean partitioned(String table) {
        Table t = tables.get(resolve(table));
        return t == null ? null : t.partitioned;
    }

    /** Starts recording changes so that {@link #rollbackTo} can undo them; returns where to roll back to. */
    public int savepoint() {
        if (journal == null) {
            journal = new ArrayList<>();
            saved.clear();
        }
        return journal.size();
    }

    /** Undoes every change since {@code savepoint} and, back at the start, stops recording. */
    public void rollbackTo(int savepoint) {
        for (int i = journal.size() - 1; i >= savepoint; i--) {
            journal.remove(i).run();
        }
        if (savepoint == 0) {
            journal = null;
            saved.clear();
        }
    }

    /** The catalog the up files of {@code migrations} before {@code version} build, in version order. */
    public static Catalog before(List<dev.dbmigrations.engine.source.Migration> migrations, long version) {
        return before(migrations, version, "public");
    }

    /** As {@link #before(List, long)}, for the service that owns {@code schema}. */
    public static Catalog before(List<dev.dbmigrations.engine.source.Migration> migrations, long version, String schema) {
        Catalog c = new Catalog(schema);
        migrations.stream().filter(m -> m.version() < version)
                .sorted(java.util.Comparator.comparingLong(dev.dbmigrations.engine.source.Migration::version))
                .forEach(m -> c.applyAll(m.up().statements()));
        return c;
    }

    /** Replays every statement of a migration's file. */
    public void applyAll(List<SqlStatement> statements) {
        DoBlock.expand(statements).forEach(this::apply);
    }

    /** Saves the table as it is before its first change while recording. */
    private void save(String name) {
        if (journal != null && saved.add(name)) {
            Table before = tables.get(name);
            Table copy = before == null ? null : before.copy();
            journal.add(() -> {
                if (copy == null) {
                    tables.remove(name);
                } else {
                    tables.put(name, copy);
                }
            });
        }
    }

    /**
     * The table to change, saved first. A table the folder did not create gets an entry of what the
     * folder does to it (the columns it adds, the checks it validates); the rest of it stays unknown.
     */
    private Table changing(String name) {
        save(name);
        return tables.computeIfAbsent(name, k -> new Table());
    }

    /** What {@code st} changes, if it is DDL this catalog follows. */
    public void apply(SqlStatement st) {
        Tokens t = new Tokens(st.tokens());
        String created = Columns.createdTable(st);
        if (!created.isEmpty()) {
            created = created(created);
            save(created);
            Table table = new Table();
            table.partitioned = t.find(0, "partition", "by") > 0; // at depth 0: the table's clause, not a column's
            for (Columns.Column c : Columns.ofCreateTable(st)) {
                ColumnType type = ColumnType.parse(c.type());
                if (type != null) {
                    table.columns.put(c.name(), type);
                }
                if (c.has("not", "null") || c.isPrimaryKey()) {
                    table.notNull.add(c.name());
                }
            }
            tables.put(created, table);
            return;
        }
        if (t.at(0, "drop", "table")) {
            int i = t.skipIfExists(2);
            for (Tokens name : t.splitOnCommas(i, t.size())) {
                String dropped = resolve(name.tableName(0));
                save(dropped);
                tables.remove(dropped);
            }
            return;
        }
        AlterTable alter = AlterTable.parse(st);
        if (alter == null) {
            return;
        }
        String name = resolve(alter.table());
        for (Tokens a : alter.actions()) {
            if (a.at(0, "rename", "to")) {
                String to = name.substring(0, name.indexOf('.') + 1) + a.name(2); // the schema stays
                save(name);
                save(to);
                Table moved = tables.remove(name);
                if (moved != null) {
                    tables.put(to, moved);
                }
                name = to;
                continue;
            }
            Table table = changing(name);
            if (notNullFacts(table, a)) {
                continue;
            }
            Columns.Column added = Columns.ofAddColumn(name, a);
            if (added != null) {
                ColumnType type = ColumnType.parse(added.type());
                if (type != null) {
                    table.columns.put(added.name(), type);
                }
                if (added.has("not", "null") || added.isPrimaryKey()) {
                    table.notNull.add(added.name());
                }
                continue;
            }
            if (a.word(0).equals("rename")) {
                int i = AlterTable.columnAt(a);
                int to = a.find(i, "to");
                String from = a.name(i);
                if (to > 0 && table.columns.containsKey(from)) {
                    String into = a.name(to + 1);
                    table.columns.put(into, table.columns.remove(from));
                    if (table.notNull.remove(from)) {
                        table.notNull.add(into);
                    }
                    if (table.checked.remove(from)) {
                        table.checked.add(into);
                    }
                }
                continue;
            }
            if (a.word(0).equals("drop") && !a.word(1).equals("constraint")) {
                int i = AlterTable.columnAt(a);
                String column = a.name(a.skipIfExists(i));
                table.columns.remove(column);
                table.notNull.remove(column);
                table.checked.remove(column);
                continue;
            }
            AlterColumnType change = AlterColumnType.of(a);
            if (change != null && change.type() != null) {
                table.columns.put(change.column(), change.type());
            }
        }
    }

    /**
     * {@code ADD [CONSTRAINT name] CHECK (column IS NOT NULL) [NOT VALID]}, {@code VALIDATE CONSTRAINT},
     * {@code DROP CONSTRAINT}, {@code SET NOT NULL} and {@code DROP NOT NULL}: what proves a column free
     * of nulls. True when the action was one of them.
     */
    private static boolean notNullFacts(Table table, Tokens a) {
        if (a.word(0).equals("alter") && a.find(0, "set", "not", "null") > 0) {
            table.notNull.add(a.name(AlterTable.columnAt(a)));
            return true;
        }
        if (a.word(0).equals("alter") && a.find(0, "drop", "not", "null") > 0) {
            table.notNull.remove(a.name(AlterTable.columnAt(a)));
            return true;
        }
        if (a.at(0, "validate", "constraint")) {
            String column = table.notNullChecks.get(a.name(2));
            if (column != null) {
                table.checked.add(column);
            }
            return true;
        }
        if (a.at(0, "drop", "constraint")) {
            String column = table.notNullChecks.remove(a.name(a.skipIfExists(2)));
            if (column != null) {
                table.checked.remove(column); // a NOT NULL of the column's own still holds
            }
            return true;
        }
        if (!a.word(0).equals("add")) {
            return false;
        }
        int i = 1;
        String constraint = null;
        if (a.word(i).equals("constraint")) {
            constraint = a.name(i + 1);
            i = a.nameEnd(i + 1);
        }
        if (!a.word(i).equals("check") || i + 1 >= a.size() || !a.get(i + 1).isPunct('(')) {
            return false;
        }
        int close = a.closing(i + 1);
        int column = i + 2;
        int end = a.nameEnd(column);
        if (end == column || close != end + 3 || !a.at(end, "is", "not", "null")) {
            return true; // another check: nothing this catalog follows
        }
        if (constraint != null) {
            table.notNullChecks.put(constraint, a.name(column));
        }
        if (a.find(close + 1, "not", "valid") < 0) {
            table.checked.add(a.name(column));
        }
        return true;
    }

    /**
     * {@code ALTER [COLUMN] name [SET DATA] TYPE type [USING ...]} taken apart: the column, its new
     * type, and the index of the word TYPE in the action (for a finding's place).
     */
    public record AlterColumnType(String column, ColumnType type, int typeAt) {

        public static AlterColumnType of(Tokens a) {
            if (!a.word(0).equals("alter")) {
                return null;
            }
            int i = AlterTable.columnAt(a);
            int type = a.find(i + 1, "type");
            if (type != i + 1 && !(type == i + 3 && a.at(i + 1, "set", "data"))) {
                return null;
            }
            return new AlterColumnType(a.name(i), ColumnType.parse(a.sub(type + 1, a.size())), type);
        }
    }
}
