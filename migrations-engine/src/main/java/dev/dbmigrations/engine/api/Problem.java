package dev.dbmigrations.engine.api;

import java.nio.file.Path;

/**
 * A user error with its place: the file, the line and column (1-based; 0 when the problem is about
 * the whole file or the database state), the check that found it, what is wrong and how to fix it.
 */
public record Problem(Path file, int line, int column, String check, String message, String fix) {

    public static Problem of(String check, String message, String fix) {
        return new Problem(null, 0, 0, check, message, fix);
    }

    public static Problem at(Path file, int line, int column, String check, String message, String fix) {
        return new Problem(file, line, column, check, message, fix);
    }

    /** {@code file:line:col [check] message (fix: ...)}, the one format every goal prints. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line).append(':').append(Math.max(column, 1));
            }
            sb.append(' ');
        }
        sb.append('[').append(check).append("] ").append(message);
        if (fix != null && !fix.isBlank()) {
            sb.append(" (fix: ").append(fix).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
