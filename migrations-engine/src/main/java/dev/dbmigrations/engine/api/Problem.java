package dev.dbmigrations.engine.api;

import java.nio.file.Path;

/**
 * A user error with its place: the file, the line and column (1-based; 0 when the problem is about
 * the whole file or the database state), the check that found it (a {@link Check} or a lint rule),
 * what is wrong, how to fix it, and the service it belongs to (null when the run has one).
 */
public record Problem(Path file, int line, int column, String check, String message, String fix, String service) {

    /** A lint rule's finding: its id is the rule's (the rules are catalogued by their classes). Others: {@link Check}. */
    public static Problem finding(Path file, int line, int column, String ruleId, String message, String fix) {
        return new Problem(file, line, column, ruleId, message, fix, null);
    }

    /** The same problem, said to belong to {@code service} (a reactor run reports it with that service). */
    public Problem forService(String owner) {
        return new Problem(file, line, column, check, message, fix, owner);
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
