package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.Secrets;
import dev.dbmigrations.engine.sql.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/**
 * Why a statement of a file failed, located in the file: the line and column of the server's error
 * position when it gives one, else of the statement; the SQLSTATE; the server's message with its
 * detail and hint, scrubbed of the password.
 *
 * @param line    1-based, 0 when the failure is not in a statement of the file (bookkeeping)
 * @param message {@code SQLSTATE <code>: <server message>}
 */
public record StatementFailure(int line, int column, String sqlState, String message) {

    /** {@code statement} is null when the failure came from bookkeeping rather than from the file. */
    public static StatementFailure of(SqlStatement statement, SQLException e, String password) {
        String server = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? describe(p.getServerErrorMessage()) : e.getMessage();
        String message = (statement == null ? "bookkeeping failed: " : "")
                + "SQLSTATE " + e.getSQLState() + ": " + Secrets.scrub(server, password);
        int line = 0;
        int column = 0;
        if (statement != null) {
            line = statement.line();
            column = statement.column();
            if (e instanceof PSQLException p && p.getServerErrorMessage() != null
                    && p.getServerErrorMessage().getPosition() > 0) {
                int pos = p.getServerErrorMessage().getPosition() - 1;
                line = statement.lineAt(pos);
                column = statement.columnAt(pos);
            }
        }
        return new StatementFailure(line, column, e.getSQLState(), message);
    }

    private static String describe(ServerErrorMessage msg) {
        StringBuilder sb = new StringBuilder(msg.getMessage() == null ? "" : msg.getMessage());
        if (msg.getDetail() != null) {
            sb.append(" (detail: ").append(msg.getDetail()).append(')');
        }
        if (msg.getHint() != null) {
            sb.append(" (hint: ").append(msg.getHint()).append(')');
        }
        return sb.toString();
    }
}
