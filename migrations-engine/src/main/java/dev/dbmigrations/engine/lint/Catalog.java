package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the folder's migrations have built so far, as the rules need it: the tables and the type of
 * each column, replayed from the up files in version order (CREATE TABLE, ADD COLUMN, ALTER COLUMN
 * TYPE, RENAME, DROP). A table or column the folder never created (made by hand, or by a tool before
 * this one) is unknown, and a rule that needs it says so or stays with what the statement alone
 * shows. Names are the last part of a qualified name, lower-cased unless quoted, as the other rules
 * read them.
 */
public final class Catalog {

    private final Map<String, Map<String, ColumnType>> tables = new HashMap<>();
    /** {@code table.constraint} of a {@code CHECK (column IS NOT NULL)} to its column. */
    private final Map<String, String> notNullChecks = new HashMap<>();
    /** {@code table.column} with a NOT NULL constraint of its own. */
    private final java.util.Set<String> notNull = new java.util.HashSet<>();
    /** {@code table.column} that a valid {@code CHECK (column IS NOT NULL)} proves free of nulls. */
    private final java.util.Set<String> checked = new java.util.HashSet<>();

    public Catalog() {
    }

    private Catalog(Catalog other) {
        other.tables.forEach((t, cols) -> tables.put(t, new LinkedHashMap<>(cols)));
        notNullChecks.putAll(other.notNullChecks);
        notNull.addAll(other.notNull);
        checked.addAll(other.checked);
    }

    /**
     * Whether the column is known to hold no null: its NOT NULL (or primary key), or a valid
     * {@code CHECK (column IS NOT NULL)}, added by the folder before this statement.
     */
    public boolean provenNotNull(String table, String column) {
        return notNull.contains(table + "." + column) || checked.contains(table + "." + column);
    }

    public Catalog copy() {
        return new Catalog(this);
    }

    /** The column's type as the folder made it, or null when the folder does not say. */
    public ColumnType typeOf(String table, String column) {
        Map<String, ColumnType> cols = tables.get(table);
        return cols == null ? null : cols.get(column);
    }

    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    /** The catalog the up files of {@code migrations} before {@code version} build, in version order. */
    public static Catalog before(List<dev.dbmigrations.engine.source.Migration> migrations, long version) {
        Catalog c = new Catalog();
        migrations.stream().filter(m -> m.version() < version)
                .sorted(java.util.Comparator.comparingLong(dev.dbmigrations.engine.source.Migration::version))
                .forEach(m -> c.applyAll(m.up().statements()));
        return c;
    }

    /** Replays every statement of a migration's file. */
    public void applyAll(List<SqlStatement> statements) {
        statements.forEach(this::apply);
    }

    /** What {@code st} changes, if it is DDL this catalog follows. */
    public void apply(SqlStatement st) {
        Tokens t = new Tokens(st.tokens());
        String created = Columns.createdTable(st);
        if (!created.isEmpty()) {
            Map<String, ColumnType> cols = new LinkedHashMap<>();
            notNull.removeIf(k -> k.startsWith(created + "."));
            checked.removeIf(k -> k.startsWith(created + "."));
            for (Columns.Column c : Columns.ofCreateTable(st)) {
                ColumnType type = ColumnType.parse(c.type());
                if (type != null) {
                    cols.put(c.name(), type);
                }
                if (c.has("not", "null") || c.isPrimaryKey()) {
                    notNull.add(created + "." + c.name());
                }
            }
            tables.put(created, cols);
            return;
        }
        if (t.at(0, "drop", "table")) {
            int i = t.skipIfExists(2);
            for (Tokens name : t.splitOnCommas(i, t.size())) {
                tables.remove(name.name(0));
            }
            return;
        }
        AlterTable alter = AlterTable.parse(st);
        if (alter == null) {
            return;
        }
        String table = alter.table();
        for (Tokens a : alter.actions()) {
            if (notNullFacts(table, a)) {
                continue;
            }
            Columns.Column added = Columns.ofAddColumn(table, a);
            if (added != null) {
                ColumnType type = ColumnType.parse(added.type());
                if (type != null && tables.containsKey(table)) {
                    tables.get(table).put(added.name(), type);
                }
                continue;
            }
            if (a.at(0, "rename", "to")) {
                Map<String, ColumnType> cols = tables.remove(table);
                if (cols != null) {
                    tables.put(a.name(2), cols);
                }
                continue;
            }
            if (a.word(0).equals("rename")) {
                int i = a.word(1).equals("column") ? 2 : 1;
                int to = a.find(i, "to");
                Map<String, ColumnType> cols = tables.get(table);
                if (to > 0 && cols != null && cols.containsKey(a.name(i))) {
                    cols.put(a.name(to + 1), cols.remove(a.name(i)));
                }
                continue;
            }
            if (a.word(0).equals("drop") && !a.word(1).equals("constraint")) {
                int i = a.word(1).equals("column") ? 2 : 1;
                Map<String, ColumnType> cols = tables.get(table);
                if (cols != null) {
                    cols.remove(a.name(a.skipIfExists(i)));
                }
                continue;
            }
            AlterColumnType change = AlterColumnType.of(a);
            if (change != null && tables.containsKey(table) && change.type() != null) {
                tables.get(table).put(change.column(), change.type());
            }
        }
    }

    /**
     * {@code ADD [CONSTRAINT name] CHECK (column IS NOT NULL) [NOT VALID]}, {@code VALIDATE CONSTRAINT},
     * {@code DROP CONSTRAINT}, {@code SET NOT NULL} and {@code DROP NOT NULL}: what proves a column free
     * of nulls. True when the action was one of them.
     */
    private boolean notNullFacts(String table, Tokens a) {
        if (a.word(0).equals("alter") && a.find(0, "set", "not", "null") > 0) {
            notNull.add(table + "." + a.name(a.word(1).equals("column") ? 2 : 1));
            return true;
        }
        if (a.word(0).equals("alter") && a.find(0, "drop", "not", "null") > 0) {
            notNull.remove(table + "." + a.name(a.word(1).equals("column") ? 2 : 1));
            return true;
        }
        if (a.at(0, "validate", "constraint")) {
            String column = notNullChecks.get(table + "." + a.name(2));
            if (column != null) {
                checked.add(table + "." + column);
            }
            return true;
        }
        if (a.at(0, "drop", "constraint")) {
            int i = a.skipIfExists(2);
            String column = notNullChecks.remove(table + "." + a.name(i));
            if (column != null) {
                checked.remove(table + "." + column); // a NOT NULL of the column's own still holds
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
            notNullChecks.put(table + "." + constraint, a.name(column));
        }
        if (a.find(close + 1, "not", "valid") < 0) {
            checked.add(table + "." + a.name(column));
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
            int i = a.word(1).equals("column") ? 2 : 1;
            int type = a.find(i + 1, "type");
            if (type != i + 1 && !(type == i + 3 && a.at(i + 1, "set", "data"))) {
                return null;
            }
            return new AlterColumnType(a.name(i), ColumnType.parse(a.sub(type + 1, a.size())), type);
        }
    }
}
