package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run report, written without Jackson, is JSON that a JSON parser reads back whole. */
class RunReportTest {

    @Test
    void theReportParsesBackWithEveryValueAndHostileTextEscaped() throws Exception {
        String hostile = "quote \" backslash \\ newline\n tab\t bell\u0007 line-sep\u2028 end";
        RunResult r = new RunResult("up", "user_service",
                List.of(new Step(7, "0007_x", Direction.UP, RunMode.NO_TRANSACTION, false, 42)),
                List.of(Check.MIGRATION_FAILED.at(Path.of("migrations/0007_x.up.sql"), 3, 5, hostile, "fix it")),
                List.of(hostile), RunResult.UNKNOWN, true, "");
        JsonNode root = new ObjectMapper().readTree(RunReport.json(r, "user-service", "production"));
        assertEquals("up", root.get("command").asText());
        assertTrue(root.get("versionAfter").isNull());
        assertEquals(false, root.get("ok").asBoolean());
        assertEquals(42, root.get("totalMs").asLong());
        assertEquals("no-transaction", root.get("steps").get(0).get("mode").asText());
        assertEquals(hostile, root.get("problems").get(0).get("message").asText());
        assertEquals("migration-failed", root.get("problems").get(0).get("check").asText());
        assertEquals(5, root.get("problems").get(0).get("column").asInt());
        assertEquals(hostile, root.get("notes").get(0).asText());
    }
}
