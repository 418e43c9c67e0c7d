package dev.dbmigrations.engine.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * A statement of the tool's own bookkeeping with its parameters: executed with them bound, or written
 * out with them as SQL literals, so that a dry run's script holds exactly the statements a run sends.
 * Parameters are {@link Long}, {@link Integer}, {@link String}, {@link Boolean}, {@code String[]} (a
 * {@code text[]}), {@link Instant} (a {@code timestamptz}) or {@link #NOW}.
 */
public record BoundSql(String sql, List<Object> params) {

    /** The server's transaction time: a value only a script has (a run binds the time it measured). */
    public static final Object NOW = new Object() {
        @Override
        public String toString() {
            return "now()";
        }
    };

    public BoundSql(String sql, Object... params) {
        this(sql, java.util.Arrays.asList(params));
    }

    public int execute(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else if (p instanceof Instant instant) {
                    ps.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (p == NOW) {
                    throw new IllegalArgumentException("now() is for scripts; a run binds its own time");
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return ps.executeUpdate();
        }
    }

    /** The statement with each {@code ?} replaced by its parameter as a literal (no trailing semicolon). */
    public String inline() {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?') {
                out.append(literal(params.get(next++)));
            } else {
                out.append(ch);
            }
        }
        if (next != params.size()) {
            throw new IllegalStateException(params.size() + " parameters for " + next + " placeholders: " + sql);
        }
        return out.toString();
    }

    static String literal(Object p) {
        if (p == null) {
            return "null";
        }
        if (p == NOW) {
            return "now()";
        }
        if (p instanceof Long || p instanceof Integer || p instanceof Boolean) {
            return p.toString();
        }
        if (p instanceof Instant instant) {
            return quote(instant.toString()) + "::timestamptz";
        }
        if (p instanceof String[] array) {
            StringBuilder sb = new StringBuilder("array[");
            for (int i = 0; i < array.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(quote(array[i]));
            }
            return sb.append("]::text[]").toString();
        }
        return quote(p.toString());
    }

    /** A standard-conforming string literal ({@code standard_conforming_strings} is on from PostgreSQL 9.1). */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
