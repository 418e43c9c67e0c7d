package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.sql.SplitResult;
import dev.dbmigrations.engine.sql.SqlSplitter;
import dev.dbmigrations.engine.sql.SqlStatement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the SQL script that {@code pg_restore --file=-} writes for a dump, on one connection, so that
 * a restore can be part of the caller's transaction: statements as they complete, {@code COPY ...
 * FROM stdin} with the data lines that follow it up to {@code \.}, and the restrict and
 * unrestrict lines of newer pg_dump releases skipped. Any other psql meta-command is refused.
 * {@code SET client_encoding} is left out: the driver keeps the session in UTF-8 and converts.
 */
final class RestoreScript {

    private final Connection c;
    private int statements;
    private long rows;

    RestoreScript(Connection c) {
        this.c = c;
    }

    /** Statements run and data rows copied, for the log. */
    String summary() {
        return statements + " statements, " + rows + " rows";
    }

    void run(BufferedReader script) throws IOException, SQLException {
        StringBuilder sql = new StringBuilder();
        String line;
        while ((line = script.readLine()) != null) {
            if (line.startsWith("\\") && onlyComments(sql)) {
                metaCommand(line);
                sql.setLength(0);
                continue;
            }
            sql.append(line).append('\n');
            if (!line.stripTrailing().endsWith(";")) {
                continue;
            }
            SplitResult split = SqlSplitter.split(sql.toString());
            if (!split.errors().isEmpty()) {
                continue;  // inside a string, a dollar-quoted body or a comment: the statement goes on
            }
            sql.setLength(0);
            for (SqlStatement st : split.statements()) {
                if (isCopyFromStdin(st)) {
                    copy(st.text(), script);
                } else if (!(st.word(0).equals("set") && st.word(1).equals("client_encoding"))) {
                    try (Statement s = c.createStatement()) {
                        s.setEscapeProcessing(false);
                        s.execute(st.text());
                    }
                    statements++;
                }
            }
        }
        if (!sql.toString().isBlank()) {
            SplitResult split = SqlSplitter.split(sql.toString());
            if (!split.errors().isEmpty() || !split.statements().isEmpty()) {
                throw new IOException("the restore script ends inside a statement: " + sql.toString().strip()
                        .lines().findFirst().orElse(""));
            }
        }
    }

    /** Whether what was read since the last statement holds nothing but comments and blanks. */
    private static boolean onlyComments(StringBuilder sql) {
        if (sql.toString().isBlank()) {
            return true;
        }
        SplitResult split = SqlSplitter.split(sql.toString());
        return split.errors().isEmpty() && split.statements().isEmpty();
    }

    private static void metaCommand(String line) throws IOException {
        if (!line.startsWith("\\restrict") && !line.startsWith("\\unrestrict")) {
            throw new IOException("the restore script holds a psql command this restore does not run: "
                    + line.split("\\s", 2)[0]);
        }
    }

    private static boolean isCopyFromStdin(SqlStatement st) {
        int n = st.tokens().size();
        return st.word(0).equals("copy") && n >= 2 && st.tokens().get(n - 1).isWord("stdin")
                && st.tokens().get(n - 2).isWord("from");
    }

    /** The data lines after a COPY, streamed to the server up to the {@code \.} that ends them. */
    private void copy(String sql, BufferedReader script) throws IOException, SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            String line;
            while ((line = script.readLine()) != null && !line.equals("\\.")) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                rows++;
            }
            if (line == null) {
                throw new IOException("the restore script ends inside the data of " + sql);
            }
            in.endCopy();
            statements++;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
