package dev.dbmigrations.engine.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a deploy tells the outside, against a real PostgreSQL and a real local HTTP server: the
 * metrics file, webhooks on failure, success and a slow migration with what they say, retries, a
 * dead endpoint that changes nothing, and a missing secret that stops the run before it changes
 * anything. The Pushgateway and promtool checks are in {@link PrometheusToolsTest}.
 */
@ExtendWith(FreshDatabase.class)
class MonitoringDatabaseTest {

    @TempDir
    Path tmp;

    private final List<String> log = LogListener.newLog();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failFirst = new AtomicInteger();
    private HttpServer server;

    record Received(String path, String contentType, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8)));
            int status = failFirst.getAndDecrement() > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private MigrationsConfig.Builder production(FreshDatabase.TestDb db) {
        return MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp.resolve("migrations"))
                .environment("production").metricsDir(tmp.resolve("metrics")).listener(new LogListener(log));
    }

    private Folder folder(String alerts) {
        return new Folder(tmp.resolve("migrations"))
                .file("environments.json", "{\"production\": {\"lint\": \"strict\", \"alerts\": " + alerts + "}}")
                .migration("0001_create_users", "create table users (id bigint primary key, email text);", "drop table users;")
                .migration("0002_add_name", "set lock_timeout = '5s';\nalter table users add column name text;",
                        "set lock_timeout = '5s';\nalter table users drop column name;");
    }

    @Test
    void aFailedMigrationIsAlertedWithItsPlaceAndHistoryRowAndTheMetricsSaySo(FreshDatabase.TestDb db) throws Exception {
        folder("[{\"url\": \"" + base() + "/hooks/secret-token-123\"},"
                + " {\"url\": \"" + base() + "/slack/T000/B000/XXXX\", \"format\": \"slack\", \"on\": [\"failure\"]}]")
                .migration("0003_broken", "set lock_timeout = '5s';\nalter table users\n  add column age integer not nul;",
                        "select 1;");
        RunResult up = new Migrations(production(db).build()).up(null, null);
        assertFalse(up.ok());
        assertEquals("migration-failed", up.problems().get(0).check(), "the alert changes nothing of the result");

        assertEquals(2, received.size(), received.toString());
        Received generic = received.stream().filter(r -> r.path().startsWith("/hooks")).findFirst().orElseThrow();
        assertEquals("application/json", generic.contentType());
        JsonNode body = new ObjectMapper().readTree(generic.body());
        assertEquals("failure", body.get("event").asText());
        assertEquals("user-service", body.get("service").asText());
        assertEquals("production", body.get("environment").asText());
        assertEquals("up", body.get("command").asText());
        assertEquals("0003_broken", body.get("migration").asText());
        assertEquals(3, body.get("version").asLong());
        assertEquals("migrations/0003_broken.up.sql", body.get("file").asText());
        assertEquals(3, body.get("line").asInt());
        assertTrue(body.get("error").asText().startsWith("[migration-failed]"), body.toString());
        assertEquals(db.value("select max(id) from user_service.migrations_history where outcome = 'failed'"),
                body.get("historyId").asText());
        Received slack = received.stream().filter(r -> r.path().startsWith("/slack")).findFirst().orElseThrow();
        String text = new ObjectMapper().readTree(slack.body()).get("text").asText();
        assertTrue(text.startsWith(":x: migrations:up failed for user-service (production) at 0003_broken"
                + " [migrations/0003_broken.up.sql:3]"), text);

        String metrics = Files.readString(tmp.resolve("metrics").resolve("dbmigrations_user_service.prom"));
        String labels = "{service=\"user-service\",schema=\"user_service\",environment=\"production\"";
        assertTrue(metrics.contains("dbmigrations_last_run_success" + labels + ",command=\"up\"} 0\n"), metrics);
        assertTrue(metrics.contains("dbmigrations_migrations_applied_total" + labels + "} 2\n"), metrics);
        assertTrue(metrics.contains("dbmigrations_migrations_failed_total" + labels + "} 1\n"), metrics);
        assertTrue(metrics.contains("dbmigrations_pending_migrations" + labels + "} 1\n"), metrics);
        assertTrue(metrics.contains("dbmigrations_schema_version" + labels + "} 2\n"), metrics);
        assertTrue(metrics.contains("dbmigrations_dirty" + labels + "} 0\n"), metrics);
        assertTrue(metrics.contains("dbmigrations_last_run_migration_duration_seconds" + labels
                + ",migration=\"0003_broken\",direction=\"up\",outcome=\"failed\"}"), metrics);
        assertTrue(metrics.contains("dbmigrations_migration_duration_seconds_count" + labels + "} 2\n"), metrics);
        for (String line : log) {
            assertFalse(line.contains("secret-token-123") || line.contains("XXXX"), "the webhook URL is a secret: " + line);
        }
    }

    @Test
    void successAndSlowAlertsOnlyWhenAskedAndAFlakyEndpointIsRetried(FreshDatabase.TestDb db) throws Exception {
        folder("[{\"url\": \"" + base() + "/hooks/a\", \"on\": [\"success\", \"slow\"], \"slowerThan\": \"200ms\"}]")
                .migration("0003_slow", "select pg_sleep(0.3);", "select 1;");
        failFirst.set(1); // the first delivery gets a 503 and is sent again
        RunResult up = new Migrations(production(db).build()).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        List<String> events = received.stream().map(r -> {
            try {
                return new ObjectMapper().readTree(r.body()).get("event").asText() + " "
                        + new ObjectMapper().readTree(r.body()).get("migration").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(List.of("success 0003_slow", "success 0003_slow", "slow 0003_slow"), events,
                "the success alert once refused with 503 and sent again, then one slow alert for the one slow migration");

        received.clear();
        RunResult nothing = new Migrations(production(db).build()).up(null, null);
        assertTrue(nothing.ok());
        assertEquals(List.of(), received, "a run with nothing to do is no news");
    }

    @Test
    void aDeadEndpointCostsAWarningNeverTheResult(FreshDatabase.TestDb db) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        folder("[{\"url\": \"http://127.0.0.1:" + closed + "/hooks/secret-path\", \"on\": [\"success\"]}]");
        RunResult up = new Migrations(production(db).build()).up(null, null);
        assertTrue(up.ok(), up.problems().toString());
        assertTrue(db.tableExists("user_service.users"));
        String warning = log.stream().filter(l -> l.startsWith("WARN Could not send")).findFirst().orElseThrow();
        assertTrue(warning.contains("http://127.0.0.1:" + closed + "/***") && !warning.contains("secret-path"), warning);
        assertTrue(warning.contains("the run's own result is unchanged"), warning);
    }

    @Test
    void anAlertWhoseSecretIsNotSetStopsTheDeployBeforeItChangesAnything(FreshDatabase.TestDb db) throws Exception {
        folder("[{\"url\": \"${env.DBMIGRATIONS_TEST_SURELY_UNSET_WEBHOOK}\", \"format\": \"slack\"}]");
        RunResult up = new Migrations(production(db).build()).up(null, null);
        assertFalse(up.ok());
        assertEquals("environments", up.problems().get(0).check());
        assertTrue(up.problems().get(0).message().contains("DBMIGRATIONS_TEST_SURELY_UNSET_WEBHOOK is not set"),
                up.problems().get(0).message());
        assertEquals("none", db.value("select nspname from pg_namespace where nspname = 'user_service'"));
    }

    @Test
    void aBadAlertIsAValidateErrorWithItsPlace() throws Exception {
        folder("[{\"url\": \"ftp://example.com/x\", \"on\": [\"failure\", \"slow\"], \"fromat\": \"slack\"}]");
        var v = new Migrations(MigrationsConfig.builder().service("user-service").dir(tmp.resolve("migrations"))
                .environment("production").build()).validate(dev.dbmigrations.engine.api.Strictness.STRICT);
        List<String> messages = v.diagnostics().stream().map(d -> d.problem().check() + " " + d.problem().line() + " "
                + d.problem().message()).toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("environments 1 \"url\" of an alert of production must be"
                + " an http(s) URL")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("unknown key \"fromat\"")), messages.toString());
        assertFalse(messages.toString().contains("ftp://example.com/x"), "the URL value is never echoed");
    }
}
