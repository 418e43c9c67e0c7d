package dev.dbmigrations.engine.monitor;

import dev.dbmigrations.engine.DocsSection;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exposition text, label escaping, URL masking, alert bodies, and docs/monitoring.md's table of metrics. */
class MetricsTest {

    private static Metrics.Run run(Metrics.Reading reading, String service) {
        return new Metrics.Run(service, "user_service", "production", null, "up", true, Instant.ofEpochSecond(1_800_000_000L, 250_000_000),
                1500, 20, List.of(new Step(3, "0003_add \"x\"", Direction.UP, RunMode.TRANSACTION, true, 1200)), reading);
    }

    @Test
    void everyMetricHasHelpTypeAndTheThreeLabels() {
        Metrics.Reading r = new Metrics.Reading(3, false, 0, 3, 0, 1, Instant.ofEpochSecond(1_800_000_000L),
                new long[Metrics.BUCKETS.length], 3, 1.234, 7L);
        String text = Metrics.render(run(r, "user-service"));
        for (Metrics.Metric m : Metrics.Metric.values()) {
            assertTrue(text.contains("# HELP " + m.name + " "), m.name);
            assertTrue(text.contains("# TYPE " + m.name + " " + m.type + "\n"), m.name);
        }
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertTrue(line.contains("{service=\"user-service\",schema=\"user_service\",environment=\"production\""), line);
            }
        }
        assertTrue(text.contains("dbmigrations_last_run_timestamp_seconds{service=\"user-service\",schema=\"user_service\","
                + "environment=\"production\",command=\"up\"} 1800000000.25\n"), text);
        assertTrue(text.contains(",migration=\"0003_add \\\"x\\\"\",direction=\"up\",outcome=\"success\"} 1.2\n"),
                "a label value's quotes are escaped: " + text);
        assertTrue(text.contains("_bucket{service=\"user-service\",schema=\"user_service\",environment=\"production\","
                + "le=\"0.1\"} 0\n"), text);
        assertTrue(text.contains("le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("dbmigrations_migration_duration_seconds_sum{service=\"user-service\",schema=\"user_service\","
                + "environment=\"production\"} 1.234\n"), text);
    }

    @Test
    void aRunThatNeverReachedTheDatabaseSaysOnlyWhatItKnows() {
        String text = Metrics.render(run(null, "user-service"));
        assertTrue(text.contains("dbmigrations_last_run_success"));
        assertFalse(text.contains("dbmigrations_migrations_applied_total"), "no totals it could not read");
    }

    @Test
    void urlsAreMaskedAndAlertBodiesSayWhatHappened() {
        assertEquals("https://hooks.slack.com/***", Http.mask("https://hooks.slack.com/services/T0/B0/secret"));
        assertEquals("http://127.0.0.1:9091", Http.mask("http://127.0.0.1:9091"));
        assertEquals("https://example.com/***", Http.mask("https://user:pw@example.com/x?token=1"));
        assertEquals("Connection refused at https://hooks.slack.com/***",
                Http.scrub("Connection refused at https://hooks.slack.com/services/T0/B0/secret",
                        "https://hooks.slack.com/services/T0/B0/secret"));
        Alerts.Event e = new Alerts.Event("failure", "user-service", "user_service", "production", null, "up", "0003_x", 3L,
                "[migration-failed] boom", "migrations/0003_x.up.sql", 4, 1500, 42L, "ci", "runner", Instant.EPOCH);
        assertEquals(":x: migrations:up failed for user-service (production) at 0003_x [migrations/0003_x.up.sql:4]:"
                + " [migration-failed] boom (1.5 s, history row 42)", Alerts.text(e));
        assertTrue(Alerts.json(e).contains("\"historyId\":42"), Alerts.json(e));
        assertEquals("http://gw:9091/metrics/job/dbmigrations/service/user-service/schema/user_service/environment/production",
                Pushgateway.groupUrl("http://gw:9091/", "user-service", "user_service", "production", null));
    }

    static final Path PAGE = Path.of("..", "docs", "monitoring.md");
    static final String BEGIN = "<!-- metrics: from monitor/Metrics.java, see MetricsTest -->";
    static final String END = "<!-- end of metrics -->";

    @Test
    void docsMonitoringListsEveryMetric() throws Exception {
        StringBuilder sb = new StringBuilder(BEGIN).append("\n| metric | type | more labels | what |\n|---|---|---|---|\n");
        for (Metrics.Metric m : Metrics.Metric.values()) {
            sb.append("| `").append(m.name).append("` | ").append(m.type).append(" | ")
                    .append(m.labels.isEmpty() ? "" : m.labels).append(" | ").append(m.help).append(" |\n");
        }
        DocsSection.keepInStep(PAGE, BEGIN, END, sb.append(END).toString(), "MetricsTest");
    }
}
