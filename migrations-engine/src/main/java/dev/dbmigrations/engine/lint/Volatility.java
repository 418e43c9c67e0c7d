package dev.dbmigrations.engine.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a function called in a column's DEFAULT is volatile, as PostgreSQL decides when it adds the
 * column: a non-volatile default (IMMUTABLE or STABLE: {@code now()}, {@code timezone('utc', now())},
 * {@code to_jsonb(...)}) is evaluated once and stored in the catalog; a volatile one ({@code random()},
 * {@code gen_random_uuid()}, {@code nextval()}) is evaluated for every row, so the table is rewritten.
 *
 * <p>The built-in functions whose every overload is IMMUTABLE or STABLE are listed in
 * {@code pg-nonvolatile-functions.txt}, read from a server's {@code pg_proc} ({@code
 * VolatilityDatabaseTest} checks the list against the server the tests run on, and rewrites it with
 * {@code -Ddocs.update=true}). A function not in it is taken for volatile: a user's or an extension's
 * function is VOLATILE unless its CREATE FUNCTION says otherwise.
 */
public final class Volatility {

    /** SQL constructs written like calls that are no functions in pg_proc, and take their arguments' volatility. */
    private static final Set<String> CONSTRUCTS = Set.of("coalesce", "nullif", "greatest", "least", "array", "row",
            "cast", "current_timestamp", "current_time", "localtimestamp", "localtime", "current_date",
            // keywords that may stand before a parenthesis in an expression
            "in", "and", "or", "not", "is", "when", "then", "else", "case", "as", "any", "all", "some", "distinct",
            "from", "interval", "at", "zone");

    private static Set<String> nonVolatile;

    private Volatility() {
    }

    /** Whether a call of {@code function} (lower-cased, unqualified) is known not to be volatile. */
    public static boolean nonVolatile(String function) {
        return CONSTRUCTS.contains(function) || builtins().contains(function);
    }

    /** The built-in functions listed as never volatile. */
    public static synchronized Set<String> builtins() {
        if (nonVolatile == null) {
            Set<String> names = new HashSet<>();
            try (InputStream in = Volatility.class.getResourceAsStream("pg-nonvolatile-functions.txt")) {
                if (in == null) {
                    throw new IllegalStateException("pg-nonvolatile-functions.txt is missing from the engine's jar");
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.strip();
                    if (!name.isEmpty() && !name.startsWith("#")) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            nonVolatile = Set.copyOf(names);
        }
        return nonVolatile;
    }
}
