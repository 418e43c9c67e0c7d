package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.Diagnostic;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.api.VerifyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/examples.md is made of real files: each section's files, written into a fresh project, pass
 * validate at production strictness with no finding but those they silence with a reason, and every
 * rollback is proven on PostgreSQL (migrations:verify at the aggregator: up, down to the same
 * catalog, up again); then the whole section applies to a database and rolls all the way back.
 */
@ExtendWith(FreshDatabase.class)
class ExamplesDocDatabaseTest {

    static final Path PAGE = Path.of("..", "docs", "examples.md");
    private static final Pattern FILE = Pattern.compile("^`([a-z][a-z0-9-]*)/migrations/([^`/]+)`$");

    @TempDir
    Path tmp;

    /** Section title to (service to (file name to content)), in the page's order. */
    static Map<String, Map<String, Map<String, String>>> sections() throws IOException {
        Map<String, Map<String, Map<String, String>>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
                continue;
            }
            Matcher m = FILE.matcher(line.strip());
            if (!m.matches() || section == null) {
                continue;
            }
            int open = i + 1;
            while (open < lines.size() && lines.get(open).isBlank()) {
                open++;
            }
            assertTrue(open < lines.size() && lines.get(open).startsWith("```"), "no code block under " + line + " (line " + (i + 1) + ")");
            StringBuilder content = new StringBuilder();
            int j = open + 1;
            for (; !lines.get(j).startsWith("```"); j++) {
                content.append(lines.get(j)).append('\n');
            }
            String previous = out.computeIfAbsent(section, s -> new LinkedHashMap<>())
                    .computeIfAbsent(m.group(1), s -> new LinkedHashMap<>()).put(m.group(2), content.toString());
            assertTrue(previous == null, m.group(2) + " twice in section " + section);
            i = j;
        }
        return out;
    }

    static List<String> sectionTitles() throws IOException {
        return new ArrayList<>(sections().keySet());
    }

    @Test
    void thePageHasTheExamplesTheIssueAsksFor() throws IOException {
        String titles = String.join("\n", sectionTitles()).toLowerCase(java.util.Locale.ROOT);
        for (String topic : List.of("expand and contract", "backfill in batches", "enum", "another service")) {
            assertTrue(titles.contains(topic), "a section about " + topic + " in " + titles);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sectionTitles")
    void eachExampleValidatesCleanAndItsRollbacksAreProven(String title, FreshDatabase.TestDb db) throws Exception {
        Map<String, Map<String, String>> services = sections().get(title);
        List<MigrationsConfig> configs = new ArrayList<>();
        for (var service : services.entrySet()) {
            Path dir = tmp.resolve(service.getKey()).resolve("migrations");
            Folder folder = new Folder(dir);
            service.getValue().forEach(folder::file);
            configs.add(MigrationsConfig.builder().url(db.url()).service(service.getKey()).dir(dir)
                    .environment("production").build());
        }
        for (MigrationsConfig c : configs) {
            List<Diagnostic> findings = new Migrations(c).validate(Strictness.STRICT).diagnostics().stream()
                    .filter(d -> !d.ignored()).toList();
            assertEquals(List.of(), findings, c.service() + " in \"" + title + "\" at production strictness");
        }
        VerifyResult verified = new Reactor(configs).verify(null);
        assertTrue(verified.ok(), verified.problems().toString());
        assertFalse(verified.migrations().isEmpty());

        Reactor reactor = new Reactor(configs);
        for (RunResult r : reactor.up(null)) {
            assertTrue(r.ok(), r.problems().toString());
        }
        for (RunResult r : reactor.down(Integer.MAX_VALUE)) {
            assertTrue(r.ok(), r.problems().toString());
        }
    }
}
