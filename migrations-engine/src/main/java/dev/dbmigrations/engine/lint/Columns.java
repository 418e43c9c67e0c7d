package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Column definitions of {@code CREATE TABLE} and {@code ALTER TABLE ... ADD COLUMN}, taken apart. */
public final class Columns {

    private static final Set<String> CONSTRAINT_WORDS = Set.of("not", "null", "default", "primary", "unique",
            "references", "check", "constraint", "generated", "collate", "deferrable", "initially");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("constraint", "primary", "unique", "check",
            "foreign", "exclude", "like");

    private Columns() {
    }

    /**
     * One column: its name token, its type's tokens and the rest (constraints, default).
     *
     * @param table the table's normalised name
     */
    public record Column(String table, String name, Token nameToken, Tokens type, Tokens rest) {

        /** The type's words joined by spaces, lower-cased, without arguments: "character varying", "int". */
        public String typeName() {
            StringBuilder sb = new StringBuilder();
            for (Token t : type.list()) {
                if (t.isPunct('(') || t.isPunct('[')) {
                    break;
                }
                if (t.word() != null) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(t.word());
                }
            }
            return sb.toString();
        }

        /** The type has a length or precision argument, e.g. varchar(20). */
        public boolean hasLength() {
            return type.list().stream().anyMatch(t -> t.isPunct('('));
        }

        public boolean has(String... words) {
            return rest.contains(words);
        }

        public boolean isPrimaryKey() {
            return rest.contains("primary", "key");
        }
    }

    /** The table-level PRIMARY KEY (a, b) columns of a CREATE TABLE, if any. */
    public static List<String> tablePrimaryKey(SqlStatement st) {
        Tokens t = new Tokens(st.tokens());
        List<String> out = new ArrayList<>();
        int open = bodyOpen(t);
        if (open < 0) {
            return out;
        }
        for (Tokens element : t.splitOnCommas(open + 1, t.closing(open))) {
            int pk = element.find(0, "primary", "key");
            if (pk >= 0 && (element.word(0).equals("primary") || element.word(0).equals("constraint"))) {
                for (int i = pk + 2; i < element.size(); i++) {
                    if (Tokens.isIdentifier(element.get(i))) {
                        out.add(Tokens.normalise(element.get(i)));
                    }
                }
            }
        }
        return out;
    }

    private static final Memo<String> CREATED = new Memo<>(Columns::createdTableNow);
    private static final Memo<List<Column>> OF_CREATE = new Memo<>(Columns::ofCreateTableNow);
    private static final Memo<List<Column>> OF = new Memo<>(Columns::ofNow);

    /** The table a CREATE TABLE creates, or "" for any other statement. */
    public static String createdTable(SqlStatement st) {
        return CREATED.of(st);
    }

    private static String createdTableNow(SqlStatement st) {
        Tokens t = new Tokens(st.tokens());
        int i = 1;
        while (t.word(i).equals("temp") || t.word(i).equals("temporary") || t.word(i).equals("unlogged")
                || t.word(i).equals("global") || t.word(i).equals("local")) {
            i++;
        }
        if (!t.word(0).equals("create") || !t.word(i).equals("table")) {
            return "";
        }
        return t.tableName(t.skipIfExists(i + 1));
    }

    /**
     * The parenthesis that opens a CREATE TABLE's body: right after the table's name, or after {@code
     * PARTITION OF parent} or {@code OF type}; -1 when there is none (CREATE TABLE ... AS SELECT, a
     * partition without column options) or the statement is no CREATE TABLE. A partition's {@code FOR
     * VALUES FROM (...)} is no body.
     */
    private static int bodyOpen(Tokens t) {
        if (!t.word(0).equals("create")) {
            return -1;
        }
        int i = 1;
        while (t.word(i).equals("temp") || t.word(i).equals("temporary") || t.word(i).equals("unlogged")
                || t.word(i).equals("global") || t.word(i).equals("local")) {
            i++;
        }
        if (!t.word(i).equals("table")) {
            return -1;
        }
        int j = t.nameEnd(t.skipIfExists(i + 1));
        if (t.at(j, "partition", "of")) {
            j = t.nameEnd(j + 2);
        } else if (t.word(j).equals("of")) {
            j = t.nameEnd(j + 1);
        }
        return j < t.size() && t.get(j).isPunct('(') ? j : -1;
    }

    /** The columns a CREATE TABLE defines. */
    public static List<Column> ofCreateTable(SqlStatement st) {
        return OF_CREATE.of(st);
    }

    private static List<Column> ofCreateTableNow(SqlStatement st) {
        List<Column> out = new ArrayList<>();
        String table = createdTable(st);
        if (table.isEmpty()) {
            return List.of();
        }
        Tokens t = new Tokens(st.tokens());
        int open = bodyOpen(t);
        if (open < 0) {
            return List.of();
        }
        for (Tokens element : t.splitOnCommas(open + 1, t.closing(open))) {
            if (element.size() == 0 || TABLE_CONSTRAINTS.contains(element.word(0))) {
                continue;
            }
            out.add(column(table, element, 0));
        }
        return List.copyOf(out);
    }

    /** Every column a statement defines: those of a CREATE TABLE and those its ALTER TABLE actions add. */
    public static List<Column> of(SqlStatement st) {
        return OF.of(st);
    }

    private static List<Column> ofNow(SqlStatement st) {
        List<Column> out = new ArrayList<>(ofCreateTable(st));
        AlterTable alter = AlterTable.parse(st);
        if (alter != null) {
            for (Tokens a : alter.actions()) {
                Column c = ofAddColumn(alter.table(), a);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The column an ALTER TABLE action {@code ADD [COLUMN] [IF NOT EXISTS] name type ...} adds, or null. */
    public static Column ofAddColumn(String table, Tokens action) {
        if (!action.word(0).equals("add")) {
            return null;
        }
        int i = 1;
        if (action.word(i).equals("column")) {
            i++;
        } else if (TABLE_CONSTRAINTS.contains(action.word(i))) {
            return null;
        }
        i = action.skipIfExists(i);
        if (i >= action.size()) {
            return null;
        }
        return column(table, action, i);
    }

    private static Column column(String table, Tokens element, int nameAt) {
        int i = nameAt + 1;
        int typeEnd = i;
        int depth = 0;
        while (typeEnd < element.size()) {
            Token tok = element.get(typeEnd);
            if (tok.isPunct('(')) {
                depth++;
            } else if (tok.isPunct(')')) {
                depth--;
            } else if (depth == 0 && CONSTRAINT_WORDS.contains(element.word(typeEnd))) {
                break;
            }
            typeEnd++;
        }
        return new Column(table, Tokens.normalise(element.get(nameAt)), element.get(nameAt), element.sub(i, typeEnd),
                element.sub(typeEnd, element.size()));
    }
}
