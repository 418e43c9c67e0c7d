package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.StatementKind;
import dev.dbmigrations.engine.sql.Token;
import dev.dbmigrations.engine.sql.TokenType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The first statement of a resumed file, when it is one that PostgreSQL runs only outside a
 * transaction block. Such a statement commits on its own before its record is written, so a run
 * killed in between leaves it done but unrecorded, and one killed while it ran may leave it half
 * done: a {@code CREATE INDEX CONCURRENTLY} cancelled part way leaves an invalid index, which the
 * statement's {@code IF NOT EXISTS} would then accept silently. What the catalog says decides:
 * a valid index of that name means the statement is done; an invalid one is dropped and built again
 * (PostgreSQL's documented recovery); a dropped index means a {@code DROP INDEX CONCURRENTLY} is done.
 * Every other statement runs again: the ones of this kind (VACUUM, REINDEX, ALTER SYSTEM ...) may.
 */
final class Interrupted {

    enum Outcome { RUN, DONE }

    private Interrupted() {
    }

    static Outcome check(Connection c, SqlStatement s, int serverMajor, MigrationsListener listener) throws SQLException {
        if (!StatementKind.cannotRunInTransaction(s, serverMajor)) {
            return Outcome.RUN;
        }
        List<Token> t = s.tokens();
        if (s.word(0).equals("create")) {
            int i = s.word(1).equals("unique") ? 2 : 1;
            if (!s.word(i).equals("index") || !s.word(i + 1).equals("concurrently")) {
                return Outcome.RUN;
            }
            i += 2;
            if (s.word(i).equals("if") && s.word(i + 1).equals("not") && s.word(i + 2).equals("exists")) {
                i += 3;
            }
            if (i >= t.size() || s.word(i).equals("on") || !isName(t.get(i))) {
                return Outcome.RUN;
            }
            String index = name(t.get(i));
            int on = i + 1;
            if (!s.word(on).equals("on")) {
                return Outcome.RUN;
            }
            int from = s.word(on + 1).equals("only") ? on + 2 : on + 1;
            String table = qualified(t, from);
            if (table == null) {
                return Outcome.RUN;
            }
            return createIndex(c, s, index, table, listener);
        }
        if (s.word(0).equals("drop") && s.word(1).equals("index") && s.word(2).equals("concurrently")) {
            int i = 3;
            if (s.word(i).equals("if") && s.word(i + 1).equals("exists")) {
                i += 2;
            }
            List<String> names = new ArrayList<>();
            while (i < t.size()) {
                String q = qualified(t, i);
                if (q == null) {
                    return Outcome.RUN;
                }
                names.add(q);
                i += i + 2 < t.size() && t.get(i + 1).isPunct('.') && isName(t.get(i + 2)) ? 3 : 1;
                if (i < t.size() && t.get(i).isPunct(',')) {
                    i++;
                } else {
                    break;
                }
            }
            for (String n : names) {
                if (exists(c, n)) {
                    return Outcome.RUN;
                }
            }
            listener.info("Statement at line " + s.line() + " (drop index concurrently) had taken effect when the"
                    + " previous run stopped: " + String.join(", ", names) + " no longer exist(s); going on after it");
            return Outcome.DONE;
        }
        return Outcome.RUN;
    }

    private static Outcome createIndex(Connection c, SqlStatement s, String index, String table, MigrationsListener listener)
            throws SQLException {
        String sql = "select i.indisvalid, quote_ident(n.nspname) || '.' || quote_ident(x.relname)"
                + " from pg_index i join pg_class x on x.oid = i.indexrelid join pg_namespace n on n.oid = x.relnamespace"
                + " where x.relname = ? and i.indrelid = to_regclass(?)";
        Boolean valid = null;
        String qualified = null;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, index);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    valid = rs.getBoolean(1);
                    qualified = rs.getString(2);
                }
            }
        }
        if (valid == null) {
            return Outcome.RUN;
        }
        if (valid) {
            listener.info("Statement at line " + s.line() + " (create index concurrently " + index + ") had finished"
                    + " when the previous run stopped: the index is valid; going on after it");
            return Outcome.DONE;
        }
        listener.warn("Statement at line " + s.line() + " (create index concurrently " + index + ") was cut short when"
                + " the previous run stopped and left the index invalid: dropping it and building it again");
        try (Statement st = c.createStatement()) {
            st.execute("drop index concurrently if exists " + qualified);
        }
        return Outcome.RUN;
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean isName(Token t) {
        return t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER;
    }

    /** An identifier as the catalog stores it: unquoted ones folded to lower case. */
    private static String name(Token t) {
        if (t.type() == TokenType.QUOTED_IDENTIFIER) {
            return t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"");
        }
        return t.text().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code name} or {@code schema.name} at {@code i}, as text for {@code to_regclass}; null when it is neither. */
    private static String qualified(List<Token> t, int i) {
        if (i >= t.size() || !isName(t.get(i))) {
            return null;
        }
        if (i + 2 < t.size() && t.get(i + 1).isPunct('.') && isName(t.get(i + 2))) {
            return t.get(i).text() + "." + t.get(i + 2).text();
        }
        return t.get(i).text();
    }
}
