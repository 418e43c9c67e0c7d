package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics against Prometheus' own tools: {@code promtool check metrics} accepts the file a run
 * writes, and a real Pushgateway (Debian's {@code prometheus-pushgateway}, started here on a free
 * loopback port) takes the push and serves it under the run's grouping labels. Where the tools are
 * not installed the test is skipped, unless {@code MIGRATIONS_TEST_REQUIRE_PROMETHEUS} is set, as
 * {@code .ci/run} sets it after installing them.
 */
@ExtendWith(FreshDatabase.class)
class PrometheusToolsTest {

    @TempDir
    Path tmp;

    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        boolean required = System.getenv("MIGRATIONS_TEST_REQUIRE_PROMETHEUS") != null;
        assertFalse(required, name + " is required (MIGRATIONS_TEST_REQUIRE_PROMETHEUS is set) but not on the PATH");
        Assumptions.assumeTrue(false, name + " is not installed (apt-get install prometheus prometheus-pushgateway)");
        return null;
    }

    private void folder() {
        new Folder(tmp.resolve("migrations"))
                .migration("0001_create_users", "create table users (id bigint primary key);", "drop table users;")
                .migration("0002_add_name", "alter table users add column name text;", "alter table users drop column name;")
                .migration("0003_add_email", "alter table users add column email text;", "alter table users drop column email;");
    }

    @Test
    void promtoolAcceptsTheMetricsFile(FreshDatabase.TestDb db) throws Exception {
        String promtool = tool("promtool");
        folder();
        MigrationsConfig.Builder cfg = MigrationsConfig.builder().url(db.url()).service("user-service")
                .dir(tmp.resolve("migrations")).metricsDir(tmp.resolve("metrics"));
        assertTrue(new Migrations(cfg.build()).up(2, null).ok());
        assertTrue(new Migrations(cfg.build()).down(1, null).ok());
        Path file = tmp.resolve("metrics").resolve("dbmigrations_user_service.prom");
        Process p = new ProcessBuilder(promtool, "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "promtool's lint has nothing to say");
        String metrics = Files.readString(file);
        assertTrue(metrics.contains("dbmigrations_migrations_rolled_back_total{service=\"user-service\",schema=\"user_service\","
                + "environment=\"development\"} 1\n"), metrics);
        assertTrue(metrics.contains("dbmigrations_pending_migrations{service=\"user-service\",schema=\"user_service\","
                + "environment=\"development\"} 2\n"), metrics);
    }

    @Test
    void aRealPushgatewayServesThePushUnderTheRunsLabels(FreshDatabase.TestDb db) throws Exception {
        String binary = tool("prometheus-pushgateway");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process gateway = new ProcessBuilder(binary, "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=" + tmp.resolve("pushgateway.data")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("pushgateway.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            waitUntilUp(http, base);
            folder();
            List<String> log = LogListener.newLog();
            RunResult up = new Migrations(MigrationsConfig.builder().url(db.url()).service("user-service")
                    .dir(tmp.resolve("migrations")).pushgateway(base).listener(new LogListener(log)).build()).up(null, null);
            assertTrue(up.ok(), up.problems().toString());
            assertTrue(log.stream().noneMatch(l -> l.startsWith("WARN")), log.toString());
            String served = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String labels = "{environment=\"development\",instance=\"\",job=\"dbmigrations\",schema=\"user_service\","
                    + "service=\"user-service\"}";
            assertTrue(served.contains("dbmigrations_schema_version" + labels + " 3"), served);
            assertTrue(served.contains("dbmigrations_migrations_applied_total" + labels + " 3"), served);
            assertTrue(served.contains("dbmigrations_dirty" + labels + " 0"), served);
        } finally {
            gateway.destroy();
            gateway.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void waitUntilUp(HttpClient http, String base) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the Pushgateway did not come up on " + base);
    }
}
