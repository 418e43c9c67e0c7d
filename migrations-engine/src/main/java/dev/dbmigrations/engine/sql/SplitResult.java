package dev.dbmigrations.engine.sql;

import java.util.List;

/**
 * The statements of a file and, when the text does not end cleanly, what is left open.
 *
 * @param statements the complete statements, in file order
 * @param errors     lexical errors (unterminated string, comment, dollar quote, identifier), in file order
 */
public record SplitResult(List<SqlStatement> statements, List<SqlError> errors) {

    public SplitResult {
        statements = List.copyOf(statements);
        errors = List.copyOf(errors);
    }

    /** A lexical error with its place in the file. */
    public record SqlError(int line, int column, String message, String fix) {
    }
}
