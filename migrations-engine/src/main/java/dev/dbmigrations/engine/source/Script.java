package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.sql.SplitResult;
import dev.dbmigrations.engine.sql.SqlSplitter;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One migration file, read. Only its text is kept: the statements are split again when asked for
 * (each thread remembers the splits of the last two files it asked about),
 * so that a folder of thousands of migrations costs its text in memory, not its tokens. A file that
 * an {@code up} does not need (a down file) can be left unread until something asks for it.
 */
public final class Script {

    private final Path path;
    private final String text;
    private final String checksum;
    private final boolean noTransaction;
    private final List<String> ignores;
    /** For a file not read yet: reads it on first use (null once read, or for a file read up front). */
    private final Supplier<Script> reader;
    private volatile Script read;

    /**
     * @param path          the file
     * @param text          its text, byte-order mark removed, line endings as written
     * @param checksum      SHA-256 (hex) of the UTF-8 text with line endings normalised to LF
     * @param noTransaction the {@code -- migrations:no-transaction} directive is present
     * @param ignores       {@code -- migrations:ignore} directives, as written after the keyword
     */
    public Script(Path path, String text, String checksum, boolean noTransaction, List<String> ignores) {
        this.path = path;
        this.text = text;
        this.checksum = checksum;
        this.noTransaction = noTransaction;
        this.ignores = List.copyOf(ignores);
        this.reader = null;
    }

    private Script(Path path, Supplier<Script> reader) {
        this.path = path;
        this.text = null;
        this.checksum = null;
        this.noTransaction = false;
        this.ignores = List.of();
        this.reader = reader;
    }

    /** A file read only when first used; {@code reader} throws if it then cannot be read. */
    static Script deferred(Path path, Supplier<Script> reader) {
        return new Script(path, reader);
    }

    private Script body() {
        if (reader == null) {
            return this;
        }
        Script r = read;
        if (r == null) {
            r = reader.get();
            read = r;
        }
        return r;
    }

    public Path path() {
        return path;
    }

    public String text() {
        return body().text;
    }

    public String checksum() {
        return body().checksum;
    }

    public boolean noTransaction() {
        return body().noTransaction;
    }

    public List<String> ignores() {
        return body().ignores;
    }

    /**
     * The split of the files this thread asked for last: the checks and the rules ask for one file's
     * statements several times in a row, and keeping the split of every file would make memory grow
     * with the folder.
     */
    private static final ThreadLocal<Object[]> LAST_SPLITS = ThreadLocal.withInitial(() -> new Object[4]);

    private SplitResult split() {
        Object[] last = LAST_SPLITS.get();
        for (int i = 0; i < last.length; i += 2) {
            if (last[i] == this) {
                return (SplitResult) last[i + 1];
            }
        }
        SplitResult split = SqlSplitter.split(text());
        last[2] = last[0];
        last[3] = last[1];
        last[0] = this;
        last[1] = split;
        return split;
    }

    /** The statements, in order (split from the text; the last few files' splits are remembered). */
    public List<SqlStatement> statements() {
        return split().statements();
    }

    /** What keeps the text from splitting into statements (unbalanced quotes, comments, ...), with file and line. */
    public List<Problem> syntaxProblems() {
        SplitResult split = split();
        List<Problem> problems = new ArrayList<>();
        for (SplitResult.SqlError err : split.errors()) {
            problems.add(Check.SQL_SYNTAX.at(path, err.line(), err.column(), err.message(), err.fix()));
        }
        return problems;
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
