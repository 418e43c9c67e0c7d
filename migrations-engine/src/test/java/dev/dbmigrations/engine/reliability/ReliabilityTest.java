package dev.dbmigrations.engine.reliability;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.db.FreshDatabase;
import dev.dbmigrations.engine.report.StatusFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reliability under concurrency and faults, against a real PostgreSQL: concurrent runners, kill -9
 * of the JVM at random moments, and secrets in every output. Sizes: {@link Budget}.
 */
@ExtendWith(FreshDatabase.class)
class ReliabilityTest {

    @TempDir
    Path tmp;

    /** Ten migrations: tables, data, an index built concurrently, a function. */
    private static void mixedFolder(Path dir) {
        Folder f = new Folder(dir);
        for (int i = 1; i <= 10; i++) {
            String v = String.format("%04d", i);
            if (i == 5) {
                f.migration(v + "_index_t4", "-- migrations:no-transaction\ncreate index concurrently if not exists t4_name on t4 (name);\n"
                        + "select pg_sleep(0.05);\ncreate index concurrently if not exists t4_id_name on t4 (id, name);\n",
                        "-- migrations:no-transaction\ndrop index concurrently if exists t4_id_name;\ndrop index concurrently if exists t4_name;\n");
            } else {
                f.migration(v + "_create_t" + i, "create table t" + i + " (id bigint primary key, name text);\n"
                        + "insert into t" + i + " select g, 'n' || g from generate_series(1, 2000) g;\nselect pg_sleep(0.02);\n",
                        "drop table t" + i + ";");
            }
        }
    }

    private static MigrationsConfig.Builder cfg(String url, Path dir, String service) {
        return MigrationsConfig.builder().url(url).service(service).dir(dir).lockTimeout(Duration.ofMinutes(2));
    }

    @Test
    void concurrentRunnersApplyEveryMigrationExactlyOnce(FreshDatabase.TestDb db) throws Exception {
        mixedFolder(tmp);
        int runners = 8;
        int rounds = Budget.of("rounds", 2);
        int doubles = 0;
        int failures = 0;
        for (int round = 0; round < rounds; round++) {
            String service = "round" + round;
            ExecutorService pool = Executors.newFixedThreadPool(runners);
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int r = 0; r < runners; r++) {
                futures.add(pool.submit(() -> new Migrations(cfg(db.url(), tmp, service).build()).up(null, null)));
            }
            for (Future<RunResult> f : futures) {
                if (!f.get().ok()) {
                    failures++;
                }
            }
            pool.shutdown();
            doubles += Integer.parseInt(db.value("select count(*) from (select version from " + service
                    + ".migrations_history where action = 'up' and outcome = 'success' group by version having count(*) <> 1) d"));
            assertEquals("10", db.value("select count(*) from " + service + ".migrations_applied"));
        }
        System.out.printf("reliability: %d runners x %d rounds: %d double applications, %d failed runners%n",
                runners, rounds, doubles, failures);
        assertEquals(0, doubles);
        assertEquals(0, failures);
    }

    @Test
    void killingTheJvmAtRandomMomentsNeverLeavesTrackingAndSchemaApart(FreshDatabase.TestDb db) throws Exception {
        mixedFolder(tmp);
        int trials = Budget.of("kills", 6);
        Random random = new Random(42);
        int inconsistent = 0;
        List<String> details = new ArrayList<>();
        int resumed = 0;
        int forced = 0;
        for (int trial = 0; trial < trials; trial++) {
            db.execute("drop schema if exists crash cascade");
            for (int i = 1; i <= 10; i++) {
                db.execute("drop table if exists crash.t" + i);
            }
            Process child = childUp(db, "crash");
            Thread.sleep(200 + random.nextInt(1200));
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            // the server may still be finishing what the dead client sent (even a COMMIT): wait for its sessions to end
            for (int w = 0; w < 200 && !db.value("select count(*) from pg_stat_activity where application_name like"
                    + " 'dbmigrations crash%'").equals("0"); w++) {
                Thread.sleep(50);
            }
            // afterwards: each migration fully there or fully absent (or the no-transaction one dirty)
            StatusResult status = new Migrations(cfg(db.url(), tmp, "crash").build()).status();
            for (int i = 1; i <= 10; i++) {
                if (i == 5) {
                    continue;
                }
                boolean tableThere = db.tableExists("crash.t" + i);
                boolean recorded = status.migrations().get(i - 1).appliedAt() != null;
                boolean rows = tableThere && db.value("select count(*) from crash.t" + i).equals("2000");
                if (tableThere != recorded || (tableThere && !rows)) {
                    inconsistent++;
                    details.add("trial " + trial + ": t" + i + " table " + tableThere + ", recorded " + recorded + ", rows " + rows);
                }
            }
            // the next up finishes: it resumes a dirty no-transaction migration, or force clears one that cannot
            Migrations next = new Migrations(cfg(db.url(), tmp, "crash").build());
            RunResult r = next.up(null, null);
            if (r.notes().stream().anyMatch(n -> n.startsWith("Resumed"))) {
                resumed++;
            }
            if (!r.ok() && r.dirtyAfter()) {
                forced++;
                next.force(r.versionAfter() - 1);
                r = next.up(null, null);
            }
            assertTrue(r.ok(), "trial " + trial + ": " + r.problems());
            assertEquals("10", db.value("select count(*) from crash.migrations_applied"));
        }
        System.out.printf("reliability: %d kill -9 trials: %d inconsistent states, %d resumed, %d forced%n",
                trials, inconsistent, resumed, forced);
        assertEquals(0, inconsistent, details.toString());
    }

    /**
     * Files whose statements run for a while, so that a kill -9 of the client leaves one running on the
     * server: a transactional file, and one outside a transaction that inserts a tagged row per statement.
     */
    private static void slowFolder(Path dir) {
        new Folder(dir)
                .migration("0001_create_log", "create table log (id bigint generated always as identity, tag text not null);",
                        "drop table log;")
                .migration("0002_transactional", "insert into log (tag) values ('tx-a');\n"
                        + "insert into log (tag) select 'tx-b' from pg_sleep(0.7);\n"
                        + "insert into log (tag) values ('tx-c');\n", "delete from log where tag like 'tx-%';")
                .migration("0003_no_transaction", "-- migrations:no-transaction\n"
                        + "insert into log (tag) values ('nt-a');\n"
                        + "insert into log (tag) select 'nt-b' from pg_sleep(0.7);\n"
                        + "insert into log (tag) values ('nt-c');\n"
                        + "insert into log (tag) select 'nt-d' from pg_sleep(0.7);\n"
                        + "create index concurrently if not exists log_tag on log (tag);\n"
                        + "insert into log (tag) select 'nt-e' from pg_sleep(0.3);\n", "delete from log where tag like 'nt-%';");
    }

    private static final List<String> SLOW_STATEMENTS = List.of("'tx-b'", "'nt-b'", "'nt-d'", "'nt-e'");

    /**
     * kill -9 of the client while its statement still runs on the server, then an immediate rerun (no
     * waiting by the test): the rerun must wait for the dead run's session itself, apply every
     * statement exactly once, and succeed without help.
     */
    @Test
    void anImmediateRerunAfterKill9NeverAppliesAStatementTwice(FreshDatabase.TestDb db) throws Exception {
        slowFolder(tmp);
        int trials = Budget.of("orphans", 4);
        Random random = new Random(7);
        int doubles = 0;
        int failedReruns = 0;
        int running = 0;
        List<String> details = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            db.execute("drop schema if exists orphan cascade");
            Process child = childUp(db, "orphan");
            // wait until the child's session runs one of the slow statements, then kill it part way
            String target = SLOW_STATEMENTS.get(trial % SLOW_STATEMENTS.size());
            boolean seen = false;
            for (int w = 0; w < 400 && !seen && child.isAlive(); w++) {
                seen = !db.value("select count(*) from pg_stat_activity where application_name like 'dbmigrations orphan%'"
                        + " and state = 'active' and query like '%" + target.replace("'", "''") + "%'").equals("0");
                if (!seen) {
                    Thread.sleep(25);
                }
            }
            Thread.sleep(random.nextInt(300));
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            if (!db.value("select count(*) from pg_stat_activity where application_name like 'dbmigrations orphan%'"
                    + " and state = 'active'").equals("0")) {
                running++;
            }
            RunResult r = new Migrations(cfg(db.url(), tmp, "orphan").build()).up(null, null);
            if (!r.ok()) {
                failedReruns++;
                details.add("trial " + trial + " (" + target + "): " + r.problems());
            }
            List<List<String>> twice = db.rows("select tag, count(*) from orphan.log group by tag having count(*) > 1");
            if (!twice.isEmpty()) {
                doubles++;
                details.add("trial " + trial + " (" + target + "): applied twice " + twice);
            }
            if (r.ok()) {
                assertEquals("[[nt-a], [nt-b], [nt-c], [nt-d], [nt-e], [tx-a], [tx-b], [tx-c]]",
                        db.rows("select tag from orphan.log order by tag").toString(), "trial " + trial);
                assertEquals("t", db.value("select indisvalid from pg_index where indexrelid = 'orphan.log_tag'::regclass"));
            }
        }
        System.out.printf("reliability: %d kill -9 trials with the statement still running, immediate rerun: %d double"
                + " applications, %d reruns failing (%d left a statement running on the server)%n", trials, doubles,
                failedReruns, running);
        assertEquals(0, doubles, details.toString());
        assertEquals(0, failedReruns, details.toString());
    }

    /** A JVM of its own running up on the folder for {@code service}, to be killed. */
    private Process childUp(FreshDatabase.TestDb db, String service) throws java.io.IOException {
        return new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), UpMain.class.getName(),
                db.url(), tmp.toString(), service).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void noPasswordInLogsReportsHistoryOrExceptions(FreshDatabase.TestDb db) throws Exception {
        String secret = "Sup3r-Secret-" + new Random().nextInt(1_000_000);
        new Folder(tmp).migration("0001_ok", "create table ok (id int);", "drop table ok;")
                .migration("0002_fails", "insert into missing_table values (1);", null);
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        MigrationsListener capture = new MigrationsListener() {
            @Override
            public void info(String message) {
                out.add(message);
            }

            @Override
            public void warn(String message) {
                out.add(message);
            }

            @Override
            public void debug(String message) {
                out.add(message);
            }
        };
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "password=" + secret;
        Migrations m = new Migrations(cfg(url, tmp, "secrets").password(secret).listener(capture).build());
        RunResult up = m.up(null, null);
        out.add(up.toString());
        up.problems().stream().map(Problem::format).forEach(out::add);
        out.add(StatusFormatter.json(m.status()));
        out.add(m.config().toString());
        out.add(db.rows("select * from secrets.migrations_history").toString());
        out.add(db.rows("select * from secrets.migrations_applied").toString());
        Migrations unreachable = new Migrations(cfg("jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2&password=" + secret, tmp,
                "secrets").password(secret).build());
        try {
            unreachable.up(null, null);
        } catch (MigrationsException e) {
            out.add(e.getMessage());
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                out.add(String.valueOf(c));
            }
        }
        long leaks = out.stream().filter(s -> s.contains(secret)).count();
        System.out.printf("reliability: secrets scan of %d outputs: %d leaks%n", out.size(), leaks);
        assertEquals(0, leaks, out.stream().filter(s -> s.contains(secret)).toList().toString());
        assertFalse(out.isEmpty());
    }
}
