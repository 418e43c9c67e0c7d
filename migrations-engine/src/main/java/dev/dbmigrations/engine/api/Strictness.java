package dev.dbmigrations.engine.api;

import java.util.Locale;

/**
 * An environment's lint strictness ({@code "lint"} in environments.json). It maps a finding's risk
 * to a level; checks of structure and syntax are errors at every strictness.
 *
 * <pre>
 *              low      medium   high     critical
 * relaxed      off      warning  warning  warning
 * standard     warning  warning  error    error
 * strict       warning  error    error    error
 * </pre>
 */
public enum Strictness {
    RELAXED, STANDARD, STRICT;

    public Level levelOf(Risk risk) {
        return switch (this) {
            case RELAXED -> risk == Risk.LOW ? Level.OFF : Level.WARNING;
            case STANDARD -> risk.compareTo(Risk.HIGH) >= 0 ? Level.ERROR : Level.WARNING;
            case STRICT -> risk == Risk.LOW ? Level.WARNING : Level.ERROR;
        };
    }

    public static Strictness parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The default of an environment without a {@code lint} key: relaxed in development, strict elsewhere. */
    public static Strictness defaultFor(String environment) {
        return "development".equals(environment) ? RELAXED : STRICT;
    }
}
