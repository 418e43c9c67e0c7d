package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.List;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, ...]} taken apart: the table (its name as
 * written, qualified or not: see {@link Tokens#tableName}) and each action's tokens. {@code null} from {@link #parse} when the statement is something else.
 */
public record AlterTable(String table, List<Tokens> actions) {

    private static final Memo<AlterTable> MEMO = new Memo<>(AlterTable::parseNow);

    /** The statement's table and actions, or null when it is not an ALTER TABLE. */
    public static AlterTable parse(SqlStatement st) {
        return MEMO.of(st);
    }

    private static AlterTable parseNow(SqlStatement st) {
        Tokens t = new Tokens(st.tokens());
        if (!t.at(0, "alter", "table")) {
            return null;
        }
        int i = t.skipIfExists(2);
        if (t.word(i).equals("only")) {
            i++;
        }
        String table = t.tableName(i);
        int end = t.nameEnd(i);
        if (end < t.size() && t.get(end).isPunct('*')) {
            end++;
        }
        return new AlterTable(table, List.copyOf(t.splitOnCommas(end, t.size())));
    }

    /**
     * In an action {@code ALTER|DROP|RENAME [COLUMN] name ...}, the index of the column's name: the
     * word COLUMN is optional in all three.
     */
    public static int columnAt(Tokens action) {
        return action.word(1).equals("column") ? 2 : 1;
    }
}
