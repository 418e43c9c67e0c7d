package dev.dbmigrations.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A part of a docs page that is generated from the code, between two marker comments: the tests
 * compare it with what the code renders now, and rewrite it with {@code -Ddocs.update=true}.
 */
public final class DocsSection {

    public static final boolean UPDATE = Boolean.getBoolean("docs.update");

    private DocsSection() {
    }

    /**
     * Fails unless {@code page} holds {@code rendered} (which starts with {@code begin} and ends with
     * {@code end}); rewrites the section instead when {@code -Ddocs.update=true}.
     */
    public static void keepInStep(Path page, String begin, String end, String rendered, String test) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertTrue(b >= 0 && e > b, page + " needs the markers " + begin + " and " + end);
        String current = text.substring(b, e + end.length());
        if (UPDATE) {
            Files.writeString(page, text.replace(current, rendered), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(rendered, current, page + " is out of date: mvn test -Dtest=" + test + " -Ddocs.update=true");
    }

    /** GitHub's anchor of a heading's text. */
    public static String anchor(String heading) {
        return heading.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
