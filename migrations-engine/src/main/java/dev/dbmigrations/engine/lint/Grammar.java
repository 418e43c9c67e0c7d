package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.PgParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * PostgreSQL's grammar over whole migration files, remembering the files it accepted: parsing costs
 * about 1 to 2 ms per statement and a second to load the parser, so a file that passed once (same
 * text, same parser) is not parsed again. The memory is a list of checksums in the user's cache
 * directory ({@code $XDG_CACHE_HOME/dbmigrations}, else {@code ~/.cache/dbmigrations}; the system
 * property {@code dbmigrations.cache} moves it), one file per parser build; a build that may not write
 * there parses every time. Files it rejects are never remembered.
 */
final class Grammar {

    private static Set<String> accepted;
    private static Path memory;

    private Grammar() {
    }

    /** PostgreSQL's verdict on {@code text}, whose normalised SHA-256 is {@code checksum}: null when it parses. */
    static synchronized PgParser.SyntaxError check(String checksum, String text) {
        load();
        if (accepted.contains(checksum)) {
            return null;
        }
        PgParser.SyntaxError e = PgParser.get().check(text);
        if (e == null && accepted.add(checksum) && memory != null) {
            try {
                Files.writeString(memory, checksum + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException | SecurityException cannot) {
                memory = null;  // parse every time from now on
            }
        }
        return e;
    }

    private static boolean hex(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!((b[i] >= '0' && b[i] <= '9') || (b[i] >= 'a' && b[i] <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static void load() {
        if (accepted != null) {
            return;
        }
        accepted = new HashSet<>();
        try {
            String dir = System.getProperty("dbmigrations.cache");
            Path base = dir != null ? Path.of(dir) : System.getenv("XDG_CACHE_HOME") != null
                    ? Path.of(System.getenv("XDG_CACHE_HOME"), "dbmigrations")
                    : Path.of(System.getProperty("user.home"), ".cache", "dbmigrations");
            Files.createDirectories(base);
            memory = base.resolve("grammar-accepted-" + PgParser.fingerprint() + ".txt");
            if (Files.isRegularFile(memory)) {
                // one checksum of 64 lower-case hex digits per line; anything else (a torn write) is skipped
                byte[] bytes = Files.readAllBytes(memory);
                int start = 0;
                for (int i = 0; i <= bytes.length; i++) {
                    if (i == bytes.length || bytes[i] == '\n') {
                        if (i - start == 64 && hex(bytes, start, i)) {
                            accepted.add(new String(bytes, start, 64, StandardCharsets.US_ASCII));
                        }
                        start = i + 1;
                    }
                }
            }
        } catch (IOException | RuntimeException cannot) {
            memory = null;
        }
    }
}
