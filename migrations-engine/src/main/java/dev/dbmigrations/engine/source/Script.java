package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.sql.SqlStatement;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration file, read and split.
 *
 * @param path          the file
 * @param text          its text, byte-order mark removed, line endings as written
 * @param checksum      SHA-256 (hex) of the UTF-8 text with line endings normalised to LF
 * @param noTransaction the {@code -- migrations:no-transaction} directive is present
 * @param ignores       {@code -- migrations:ignore} directives, as written after the keyword
 * @param statements    the statements, in order
 */
public record Script(Path path, String text, String checksum, boolean noTransaction, List<String> ignores,
                     List<SqlStatement> statements) {

    public Script {
        ignores = List.copyOf(ignores);
        statements = List.copyOf(statements);
    }

    /** The file has no statement (empty or comments only): a no-op that is still recorded. */
    public boolean isEmpty() {
        return statements.isEmpty();
    }
}
