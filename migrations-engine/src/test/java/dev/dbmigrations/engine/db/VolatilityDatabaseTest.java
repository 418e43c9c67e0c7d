package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.lint.Volatility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lint's list of built-in functions that are never volatile (adding-field-with-volatile-default)
 * against a real server's pg_proc: no function in it may have a volatile overload there, and on the
 * major version the list was read from it must hold every one. {@code -Ddocs.update=true} reads it again.
 */
@ExtendWith(FreshDatabase.class)
class VolatilityDatabaseTest {

    private static final Path LIST = Path.of("src/main/resources/dev/dbmigrations/engine/lint/pg-nonvolatile-functions.txt");
    private static final String QUERY = "select proname from pg_proc where pronamespace = 'pg_catalog'::regnamespace"
            + " group by proname having bool_and(provolatile <> 'v') = %s order by 1";

    @Test
    void theListIsWhatTheServerSays(FreshDatabase.TestDb db) throws Exception {
        String major = db.value("show server_version_num").substring(0, 2);
        Set<String> nonVolatile = names(db, "true");
        if (Boolean.getBoolean("docs.update")) {
            List<String> lines = new ArrayList<>();
            lines.add("# Built-in functions (pg_catalog) whose every overload is IMMUTABLE or STABLE, from pg_proc.provolatile");
            lines.add("# of PostgreSQL " + major + "; read by VolatilityDatabaseTest with -Ddocs.update=true. One name per line.");
            lines.add("# major " + major);
            lines.addAll(nonVolatile);
            Files.writeString(LIST, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return;
        }
        Set<String> listed = Volatility.builtins();
        Set<String> volatileHere = new TreeSet<>(names(db, "false"));
        volatileHere.retainAll(listed);
        assertEquals(Set.of(), volatileHere, "listed as never volatile, and volatile on PostgreSQL " + major);
        if (Files.readString(LIST).contains("# major " + major + "\n")) {
            Set<String> missing = new TreeSet<>(nonVolatile);
            missing.removeAll(listed);
            assertEquals(Set.of(), missing, "never volatile on PostgreSQL " + major + " and not listed");
        }
    }

    private static Set<String> names(FreshDatabase.TestDb db, String nonVolatile) throws Exception {
        Set<String> out = new TreeSet<>();
        for (List<String> row : db.rows(String.format(QUERY, nonVolatile))) {
            out.add(row.get(0));
        }
        return out;
    }
}
