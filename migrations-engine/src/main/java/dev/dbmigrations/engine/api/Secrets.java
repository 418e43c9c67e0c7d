package dev.dbmigrations.engine.api;

import java.util.regex.Pattern;

/** Masks passwords in anything that may be printed. */
public final class Secrets {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^:/@]+:)[^@/]*@");

    private Secrets() {
    }

    /** Masks {@code password=...} parameters and {@code user:password@} user-info in a JDBC URL. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1****");
        return URL_USERINFO.matcher(masked).replaceAll("$1****@");
    }

    /** Replaces every occurrence of the password in a message; a null or empty password changes nothing. */
    public static String scrub(String text, String password) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "****");
        }
        return maskUrl(out);
    }

    /**
     * A copy of {@code cause} (and of its causes) whose messages are scrubbed of the password, with the
     * same class name in its message and the same stack trace: a cause worth keeping for a debugger,
     * never a way for the password to reach a log.
     */
    public static Throwable scrubbed(Throwable cause, String password) {
        if (cause == null) {
            return null;
        }
        Throwable copy = new ScrubbedCause(cause.getClass().getName() + ": " + scrub(cause.getMessage(), password),
                cause.getCause() == cause ? null : scrubbed(cause.getCause(), password));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    /** A cause whose message was scrubbed; see {@link #scrubbed}. */
    static final class ScrubbedCause extends Exception {
        ScrubbedCause(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
