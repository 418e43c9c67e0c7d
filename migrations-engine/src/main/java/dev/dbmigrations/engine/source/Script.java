package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.sql.SqlSplitter;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One migration file, read. Only its text is kept: the statements are split again when asked for,
 * so that a folder of thousands of migrations costs its text in memory, not its tokens.
 */
public final class Script {

    private final Path path;
    private final String text;
    /** Computed on first use: a run hashes the up files it compares or records, never the down files it skips. */
    private volatile String checksum;
    private final boolean noTransaction;
    private final List<String> ignores;

    /**
     * @param path          the file
     * @param text          its text, byte-order mark removed, line endings as written
     * @param checksum      SHA-256 (hex) of the UTF-8 text with line endings normalised to LF, or null to
     *                      compute it from the text when first asked
     * @param noTransaction the {@code -- migrations:no-transaction} directive is present
     * @param ignores       {@code -- migrations:ignore} directives, as written after the keyword
     */
    public Script(Path path, String text, String checksum, boolean noTransaction, List<String> ignores) {
        this.path = path;
        this.text = text;
        this.checksum = checksum;
        this.noTransaction = noTransaction;
        this.ignores = List.copyOf(ignores);
    }

    public Path path() {
        return path;
    }

    public String text() {
        return text;
    }

    public String checksum() {
        String c = checksum;
        if (c == null) {
            c = MigrationReader.checksum(text);
            checksum = c;
        }
        return c;
    }

    public boolean noTransaction() {
        return noTransaction;
    }

    public List<String> ignores() {
        return ignores;
    }

    /** The statements, in order (split from the text on each call; the reader already rejected bad text). */
    public List<SqlStatement> statements() {
        return SqlSplitter.split(text).statements();
    }

    /** The file has no statement (empty or comments only): a no-op that is still recorded. */
    public boolean isEmpty() {
        return statements().isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script s && s.path.equals(path) && s.checksum().equals(checksum());
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, checksum());
    }

    @Override
    public String toString() {
        return "Script[" + path + "]";
    }
}
