package dev.dbmigrations.engine.api;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users write: {@code 500ms}, {@code 30s}, {@code 5min}, {@code 2m}, {@code 1h}, {@code 7d}, or ISO {@code PT5S}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("^(\\d+)\\s*(ms|s|sec|m|min|h|d)?$");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException with the accepted forms when {@code text} is none of them
     */
    public static Duration parse(String what, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a duration (fix: write e.g. 500ms, 30s,"
                    + " 5min, 1h, 7d or PT5S)");
        }
    }
}
