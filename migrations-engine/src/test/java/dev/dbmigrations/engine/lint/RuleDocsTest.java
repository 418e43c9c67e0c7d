package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Level;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.api.Strictness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule index in docs/validation.md and the pages docs/lint/&lt;id&gt;.md come from the rule
 * classes. This test fails when they drift; {@code mvn test -Dtest=RuleDocsTest -Ddocs.update=true}
 * rewrites them.
 */
class RuleDocsTest {

    static final Path DOCS = Path.of("..", "docs");
    static final String BEGIN = "<!-- rule index: from the rule classes, see RuleDocsTest -->";
    static final String END = "<!-- end of rule index -->";
    static final boolean UPDATE = Boolean.getBoolean("docs.update");

    static String level(Strictness s, Risk r) {
        Level l = s.levelOf(r);
        return l == Level.OFF ? "off" : l.label();
    }

    static String index() {
        StringBuilder sb = new StringBuilder(BEGIN).append("\n\n");
        sb.append("| rule | risk | lock it takes | development (relaxed) | standard | production (strict) |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Rule r : Rules.all()) {
            sb.append("| [`").append(r.id()).append("`](lint/").append(r.id()).append(".md) | ").append(r.risk().label())
                    .append(" | ").append(r.lock()).append(" | ").append(level(Strictness.RELAXED, r.risk()))
                    .append(" | ").append(level(Strictness.STANDARD, r.risk())).append(" | ")
                    .append(level(Strictness.STRICT, r.risk())).append(" |\n");
        }
        return sb.append('\n').append(END).toString();
    }

    /**
     * The section of docs/best-practices.md whose "Rules:" line names each rule: the page is where the
     * safe patterns are explained, and a rule page links to its section.
     */
    static Map<String, String> practices() throws IOException {
        String text = Files.readString(DOCS.resolve("best-practices.md"), StandardCharsets.UTF_8);
        Map<String, String> out = new java.util.TreeMap<>();
        String anchor = null;
        StringBuilder rules = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("## ")) {
                anchor = dev.dbmigrations.engine.DocsSection.anchor(line.substring(3));
            } else if (line.startsWith("Rules: ")) {
                rules = new StringBuilder(line);
            } else if (rules != null && !line.isBlank()) {
                rules.append(' ').append(line);
            }
            if (rules != null && (line.isBlank() || rules.toString().endsWith("."))) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([a-z-]+)`").matcher(rules);
                while (m.find()) {
                    String previous = out.put(m.group(1), anchor);
                    assertTrue(previous == null, m.group(1) + " is listed in two sections of best-practices.md");
                }
                rules = null;
            }
        }
        return out;
    }

    static final String LOCKS_BEGIN = "<!-- lock model: from lint/LockModel.java, see RuleDocsTest -->";
    static final String LOCKS_END = "<!-- end of lock model -->";

    @Test
    void validationMdHoldsTheLockModel() throws IOException {
        StringBuilder sb = new StringBuilder(LOCKS_BEGIN).append("\n| statement | lock on the table | blocks | work | from | PostgreSQL's documentation |\n")
                .append("|---|---|---|---|---|---|\n");
        for (LockModel.Row r : LockModel.ROWS) {
            sb.append("| ").append(r.form()).append(" | ").append(r.lock().label).append(" | ").append(r.lock().blocks)
                    .append(" | ").append(r.work().name().toLowerCase(java.util.Locale.ROOT)).append(" | ").append(r.since())
                    .append(" | ").append(r.source().replace("|", "\\|")).append(" |\n");
        }
        dev.dbmigrations.engine.DocsSection.keepInStep(DOCS.resolve("validation.md"), LOCKS_BEGIN, LOCKS_END,
                sb.append(LOCKS_END).toString(), "RuleDocsTest");
    }

    @Test
    void bestPracticesCoverEveryRuleOnce() throws IOException {
        Map<String, String> practices = practices();
        java.util.Set<String> ids = new java.util.TreeSet<>();
        Rules.all().forEach(r -> ids.add(r.id()));
        assertEquals(ids, practices.keySet(), "every rule, and only rules, in a \"Rules:\" line of docs/best-practices.md");
    }

    static String page(Rule r) throws IOException {
        String practice = practices().get(r.id());
        return "# " + r.id() + "\n\n"
                + "Risk: **" + r.risk().label() + "**. Level: " + level(Strictness.STRICT, r.risk()) + " at strict lint, "
                + level(Strictness.STANDARD, r.risk()) + " at standard, " + level(Strictness.RELAXED, r.risk())
                + " at relaxed ([strictness](../validation.md#strictness-what-is-an-error-where)).\n\n"
                + "## Problem\n\n" + r.why() + "\n\n"
                + "- Lock: " + r.lock() + ".\n"
                + "- Blocks: " + r.blocks() + ".\n"
                + "- Holds for: " + r.versions() + " (PostgreSQL's documentation: ALTER TABLE, Explicit Locking).\n\n"
                + "## Instead\n\n" + r.fix() + "\n\n"
                + (practice == null ? "" : "The pattern, with the others for live traffic: [best practices](../best-practices.md#"
                        + practice + ").\n\n")
                + "## Silence it\n\nWhen it is safe here, say why in the migration's header:\n\n"
                + "```sql\n-- migrations:ignore " + r.id() + " <why it is safe here>\n```\n";
    }

    @Test
    void validationMdHoldsTheRuleIndex() throws IOException {
        dev.dbmigrations.engine.DocsSection.keepInStep(DOCS.resolve("validation.md"), BEGIN, END, index(), "RuleDocsTest");
    }

    @Test
    void everyRuleHasItsPage() throws IOException {
        Map<String, Rule> byId = new java.util.TreeMap<>();
        Rules.all().forEach(r -> byId.put(r.id(), r));
        for (Rule r : byId.values()) {
            Path page = DOCS.resolve("lint").resolve(r.id() + ".md");
            if (UPDATE) {
                Files.createDirectories(page.getParent());
                Files.writeString(page, page(r), StandardCharsets.UTF_8);
                continue;
            }
            assertTrue(Files.isRegularFile(page), "missing " + page + ": mvn test -Dtest=RuleDocsTest -Ddocs.update=true");
            assertEquals(page(r), Files.readString(page, StandardCharsets.UTF_8), page + " is out of date");
        }
        try (var pages = Files.list(DOCS.resolve("lint"))) {
            pages.forEach(p -> assertTrue(byId.containsKey(p.getFileName().toString().replace(".md", "")),
                    p + " documents no rule"));
        }
    }
}
