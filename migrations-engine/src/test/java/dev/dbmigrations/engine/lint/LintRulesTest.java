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

    private List<Finding> lint(String sql) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "case");
        String[] parts = sql.split("\\s*\\|\\|\\|\\s*");
        new Folder(dir).migration("0001_case", parts[0], parts.length > 1 ? parts[1] : null);
        MigrationSet set = MigrationReader.read(dir);
        assertTrue(set.ok(), set.problems().toString());
        Migration m = set.migrations().get(0);
        return new Linter().lint(m, Map.of());
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
