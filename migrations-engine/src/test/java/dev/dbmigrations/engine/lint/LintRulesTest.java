package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule against the cases in lint-cases.txt: SQL that must fire it and SQL that must not. */
class LintRulesTest {

    @TempDir
    Path tmp;

    record Case(String rule, boolean fires, String sql) {
    }

    static Map<String, List<Case>> cases() throws IOException {
        Map<String, List<Case>> out = new LinkedHashMap<>();
        try (InputStream in = LintRulesTest.class.getResourceAsStream("/lint-cases.txt")) {
            String rule = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("## ")) {
                    rule = line.substring(3).strip();
                    out.put(rule, new ArrayList<>());
                } else if (line.startsWith("+ ") || line.startsWith("- ")) {
                    out.get(rule).add(new Case(rule, line.startsWith("+"), line.substring(2).replace("\\n", "\n")));
                }
            }
        }
        return out;
    }

    /**
     * The findings of the case's migration. {@code earlier ==> up ||| down}: an earlier migration of the
     * folder first (what the catalog knows: tables, column types), then the case. A leading
     * {@code [schema]} lints as the service owning that schema (its search_path: that schema, then
     * public); without it, as a golang-migrate folder in public.
     */
    private List<Finding> lint(String sql) throws IOException {
        String schema = "public";
        java.util.regex.Matcher own = java.util.regex.Pattern.compile("^\\[(\\w+)]\\s*").matcher(sql);
        if (own.find()) {
            schema = own.group(1);
            sql = sql.substring(own.end());
        }
        Path dir = Files.createTempDirectory(tmp, "case");
        String[] history = sql.split("\\s*==>\\s*", 2);
        String[] parts = history[history.length - 1].split("\\s*\\|\\|\\|\\s*");
        Folder folder = new Folder(dir);
        if (history.length == 2) {
            folder.migration("0001_earlier", history[0], null);
        }
        folder.migration("0002_case", parts[0], parts.length > 1 ? parts[1] : null);
        MigrationSet set = MigrationReader.read(dir);
        assertTrue(set.ok(), set.problems().toString());
        Linter linter = new Linter();
        Catalog catalog = new Catalog(schema);
        List<Finding> out = List.of();
        for (Migration m : set.migrations()) {
            out = linter.lint(m, Map.of(), catalog);
        }
        return out;
    }

    @Test
    void anIndexOnAPartitionedTableGetsTheFixThatWorksThere() throws IOException {
        Finding f = lint("CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at) ==> CREATE INDEX events_at ON events (at);")
                .stream().filter(x -> x.ruleId().equals("require-concurrent-index-creation")).findFirst().orElseThrow();
        assertTrue(f.fix().contains("ON ONLY") && f.fix().contains("ATTACH PARTITION"), f.fix());
        Finding plain = lint("CREATE TABLE events (id bigint, at date NOT NULL) ==> CREATE INDEX events_at ON events (at);")
                .stream().filter(x -> x.ruleId().equals("require-concurrent-index-creation")).findFirst().orElseThrow();
        assertTrue(plain.fix().contains("CREATE INDEX CONCURRENTLY"), plain.fix());
    }

    @Test
    void everyRuleHasCasesThatFireAndCasesThatDoNot() throws IOException {
        Map<String, List<Case>> cases = cases();
        for (Rule rule : Rules.all()) {
            List<Case> c = cases.getOrDefault(rule.id(), List.of());
            assertTrue(c.stream().anyMatch(Case::fires), rule.id() + " has no case that fires it");
            assertTrue(c.stream().anyMatch(x -> !x.fires()), rule.id() + " has no case that must not fire it");
        }
        assertEquals(Rules.all().size(), cases.size(), "lint-cases.txt names a rule that does not exist");
    }

    @TestFactory
    Stream<DynamicTest> rulesFireExactlyWhereTheyShould() throws IOException {
        return cases().values().stream().flatMap(List::stream).map(c -> DynamicTest.dynamicTest(
                (c.fires() ? "fires " : "quiet ") + c.rule() + ": " + c.sql().replace("\n", " "), () -> {
                    List<Finding> findings = lint(c.sql());
                    boolean fired = findings.stream().anyMatch(f -> f.ruleId().equals(c.rule()));
                    if (c.fires()) {
                        assertTrue(fired, c.rule() + " did not fire; findings: " + findings);
                        Finding f = findings.stream().filter(x -> x.ruleId().equals(c.rule())).findFirst().orElseThrow();
                        assertTrue(f.line() >= 1 && f.column() >= 1, "finding has a place: " + f);
                        assertFalse(f.fix().isBlank());
                    } else {
                        assertFalse(fired, c.rule() + " fired on safe SQL: " + findings);
                    }
                }));
    }

    @Test
    void findingsPointAtTheLineAndColumnInTheFile() throws IOException {
        List<Finding> findings = lint("SET lock_timeout = '5s';\n\nALTER TABLE users\n    ALTER COLUMN email SET NOT NULL;");
        Finding f = findings.stream().filter(x -> x.ruleId().equals("setting-not-null")).findFirst().orElseThrow();
        assertEquals(4, f.line());
        assertEquals(24, f.column());
    }

    @Test
    void everyRuleDocumentsItsLockRiskAndFix() {
        for (Rule rule : Rules.all()) {
            assertTrue(rule.id().matches("[a-z]+(-[a-z0-9]+)+"), rule.id());
            assertFalse(rule.lock().isBlank(), rule.id());
            assertFalse(rule.blocks().isBlank(), rule.id());
            assertFalse(rule.why().isBlank(), rule.id());
            assertFalse(rule.fix().isBlank(), rule.id());
        }
        assertEquals(Rules.all().size(), Rules.all().stream().map(Rule::id).distinct().count(), "ids are unique");
    }
}
