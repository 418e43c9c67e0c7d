package dev.dbmigrations.engine.generate;

import dev.dbmigrations.engine.api.GenerateRequest;
import dev.dbmigrations.engine.api.GenerateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/migration-types.md shows what each packaged type really generates. This test renders every
 * type and fails when the page differs; {@code -Ddocs.update=true} rewrites the generated part.
 */
class MigrationTypesDocTest {

    static final Path PAGE = Path.of("..", "docs", "migration-types.md");
    static final String BEGIN = "<!-- generated output: see MigrationTypesDocTest -->";
    static final String END = "<!-- end of generated output -->";
    static final Map<String, String> EXAMPLES = new java.util.LinkedHashMap<>();

    static {
        EXAMPLES.put("table", "add_user_profiles");
        EXAMPLES.put("index", "add_email_index_to_users");
        EXAMPLES.put("column", "add_nickname_to_users");
        EXAMPLES.put("constraint", "require_email_on_users");
        EXAMPLES.put("foreign-key", "add_account_id_to_users");
        EXAMPLES.put("data", "backfill_nickname_on_users");
        EXAMPLES.put("function", "create_user_label");
        EXAMPLES.put("view", "create_active_users");
        EXAMPLES.put("enum", "add_archived_to_user_status");
        EXAMPLES.put("trigger", "add_touch_trigger_to_users");
        EXAMPLES.put("seed", "seed_users");
        EXAMPLES.put("blank", "fix_user_emails");
    }

    @TempDir
    Path tmp;

    String render() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:30:00Z"), ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(BEGIN).append('\n');
        Generator gen = new Generator(tmp, "user-service", "user_service", getClass().getClassLoader(), clock);
        assertEquals(EXAMPLES.keySet(), gen.types().keySet(), "every packaged type has an example");
        for (Map.Entry<String, String> e : EXAMPLES.entrySet()) {
            Path dir = Files.createTempDirectory(tmp, e.getKey());
            Generator g = new Generator(dir, "user-service", "user_service", getClass().getClassLoader(), clock);
            GenerateResult r = g.generate(new GenerateRequest(e.getValue(), e.getKey(), null, null, "Ada Lovelace", Map.of()));
            assertTrue(r.ok(), r.problems().toString());
            sb.append("\n## ").append(e.getKey()).append("\n\n").append(capitalised(gen.types().get(e.getKey()))).append(".\n\n")
                    .append("`mvn migrations:generate -Dmigrations.name=").append(e.getValue()).append(" -Dmigrations.type=").append(e.getKey())
                    .append("`\n");
            for (Path p : r.written()) {
                sb.append("\n`").append(p.getFileName()).append("`:\n\n```sql\n")
                        .append(Files.readString(p, StandardCharsets.UTF_8).stripTrailing()).append("\n```\n");
            }
        }
        return sb.append('\n').append(END).toString();
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Test
    void thePageShowsWhatEveryTypeGenerates() throws IOException {
        dev.dbmigrations.engine.DocsSection.keepInStep(PAGE, BEGIN, END, render(), "MigrationTypesDocTest");
    }
}
