package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.lint.Rule;
import dev.dbmigrations.engine.lint.Rules;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every problem id is catalogued once, and its docs page says what it is. */
class CheckCatalogueTest {

    static final Path DOCS = Path.of("..", "docs");

    @Test
    void idsAreUniqueAndApartFromTheRules() {
        Set<String> ids = new HashSet<>();
        for (Check c : Check.values()) {
            assertTrue(ids.add(c.id()), "twice: " + c.id());
        }
        for (Rule r : Rules.all()) {
            assertTrue(!ids.contains(r.id()), "a check and a rule share " + r.id());
        }
    }

    static final Path PAGE = DOCS.resolve("problems.md");
    static final String BEGIN = "<!-- checks: from api/Check.java, see CheckCatalogueTest -->";
    static final String END = "<!-- end of checks -->";

    /** The table of docs/problems.md, from the catalogue. */
    static String table() {
        StringBuilder sb = new StringBuilder("| id | level | what | explained in |\n|---|---|---|---|\n");
        for (Check c : Check.values()) {
            String[] parts = c.docs().split("#", 2);
            sb.append("| `").append(c.id()).append("` | ").append(c.level() == null ? "by risk" : c.level().label())
                    .append(" | ").append(c.summary().replace("|", "\\|")).append(" | [").append(parts[0].replace(".md", ""))
                    .append("](").append(c.docs()).append(") |\n");
        }
        return sb.toString();
    }

    @Test
    void docsProblemsListsEveryCheckAndEachLinkLandsOnAHeading() throws Exception {
        DocsSection.keepInStep(PAGE, BEGIN, END, BEGIN + "\n" + table() + END, "CheckCatalogueTest");
        List<String> broken = new ArrayList<>();
        for (Check c : Check.values()) {
            String[] parts = c.docs().split("#", 2);
            Path target = DOCS.resolve(parts[0]);
            if (!Files.isRegularFile(target)) {
                broken.add(c.id() + ": no page " + target);
            } else if (parts.length == 2 && !anchors(Files.readString(target, StandardCharsets.UTF_8)).contains(parts[1])) {
                broken.add(c.id() + ": no heading #" + parts[1] + " on " + parts[0]);
            }
        }
        assertEquals(List.of(), broken);
    }

    /** GitHub's anchors of the page's headings. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^#+ (.+)$").matcher(markdown);
        while (m.find()) {
            out.add(m.group(1).strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return out;
    }
}
