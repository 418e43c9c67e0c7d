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

    static final Path TROUBLESHOOTING = DOCS.resolve("troubleshooting.md");
    static final String WAYS_BEGIN = "<!-- troubleshooting: from api/Check.java, see CheckCatalogueTest -->";
    static final String WAYS_END = "<!-- end of troubleshooting -->";

    /** docs/troubleshooting.md's list: each check with its cause and its way out, then the rules. */
    static String waysOut() {
        StringBuilder sb = new StringBuilder();
        for (Check c : Check.values()) {
            sb.append("\n### `").append(c.id()).append("`\n\n")
                    .append(Character.toUpperCase(c.summary().charAt(0))).append(c.summary().substring(1))
                    .append(" ([more](").append(c.docs()).append(")).\n\n**Way out:** ").append(c.wayOut()).append('\n');
        }
        sb.append("\n### Lint findings\n\nA finding of a risk rule names the rule; its page says which lock the statement"
                + " takes, what that blocks, and the safe way to write it. Where the risk is accepted on purpose,"
                + " `-- migrations:ignore <rule> <reason>` in the up file's header silences it for that file.\n\n"
                + "| rule | risk | lock |\n|---|---|---|\n");
        for (Rule r : Rules.all()) {
            sb.append("| [`").append(r.id()).append("`](lint/").append(r.id()).append(".md) | ")
                    .append(r.risk().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(r.lock().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void troubleshootingGivesEveryProblemItsWayOut() throws Exception {
        for (Check c : Check.values()) {
            assertTrue(c.wayOut() != null && c.wayOut().length() > 20 && c.wayOut().endsWith("."),
                    c.id() + " needs a way out of a sentence or more");
        }
        DocsSection.keepInStep(TROUBLESHOOTING, WAYS_BEGIN, WAYS_END, WAYS_BEGIN + "\n" + waysOut() + WAYS_END,
                "CheckCatalogueTest");
        // the hand-written part links to headings that exist
        String page = Files.readString(TROUBLESHOOTING, StandardCharsets.UTF_8);
        List<String> broken = new ArrayList<>();
        Matcher m = Pattern.compile("\\]\\(([a-z-]+\\.md)(?:#([a-z0-9-]+))?\\)").matcher(page);
        while (m.find()) {
            Path target = DOCS.resolve(m.group(1));
            if (!Files.isRegularFile(target)) {
                broken.add("no page " + m.group(1));
            } else if (m.group(2) != null && !anchors(Files.readString(target, StandardCharsets.UTF_8)).contains(m.group(2))) {
                broken.add("no heading #" + m.group(2) + " on " + m.group(1));
            }
        }
        assertEquals(List.of(), broken);
    }

    /** GitHub's anchors of the page's headings. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^#+ (.+)$").matcher(markdown);
        while (m.find()) {
            out.add(DocsSection.anchor(m.group(1)));
        }
        return out;
    }
}
