package dev.dbmigrations.engine.fleet;

import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.FleetResult;
import dev.dbmigrations.engine.api.FleetTarget;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.source.FleetSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walk over a fleet's targets, with targets that succeed or fail on demand (the database side is FleetDatabaseTest's). */
class FleetRunTest {

    private static FleetSpec spec(int canary, Integer waveSize, int parallelism, boolean cont) {
        return new FleetSpec(List.of(), null, null, canary, waveSize, parallelism, cont, Path.of("environments.json"), 1);
    }

    private static List<FleetTarget> targets(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> FleetTarget.of("jdbc:postgresql://db" + i + ":5432/app", "app", null,
                false)).toList();
    }

    @Test
    void wavesAreTheCanaryThenChunksOfWaveSize() {
        assertEquals("[0-1, 1-4, 4-7, 7-8]", FleetRun.waves(spec(1, 3, 2, false), 8).stream()
                .map(w -> w[0] + "-" + w[1]).toList().toString());
        assertEquals("[0-0, 0-5]", FleetRun.waves(spec(0, null, 2, false), 5).stream()
                .map(w -> w[0] + "-" + w[1]).toList().toString());
        assertEquals("[0-2]", FleetRun.waves(spec(5, null, 2, false), 2).stream()
                .map(w -> w[0] + "-" + w[1]).toList().toString());
    }

    @Test
    void aWarningEveryTargetGivesIsPrintedOnceAndAFailureStopsTheNextWaves() {
        List<String> log = LogListener.newLog();
        AtomicInteger ran = new AtomicInteger();
        // one at a time, so that the order is known: with more, a target of the failing one's wave that had
        // not started yet when it failed is not started at all
        List<FleetResult.TargetResult> results = new FleetRun(spec(1, 2, 1, false), new LogListener(log)).run("up",
                targets(7), (t, listener) -> {
                    ran.incrementAndGet();
                    listener.warn("0003_x.down.sql is named differently from its up file");
                    boolean fails = t.name().startsWith("db3:");
                    return new RunResult("up", "app", List.of(), fails ? List.of(Check.RUN_FAILED.of("boom", "fix it"))
                            : List.of(), List.of(), 3, false, "");
                });
        long warnings = log.stream().filter(l -> l.startsWith("WARN [") && l.contains("named differently")).count();
        assertEquals(1, warnings, String.join("\n", log));
        // canary db1; wave 1 db2, db3 (fails); waves 2 and 3 never start
        assertEquals(List.of(FleetResult.Outcome.UNCHANGED, FleetResult.Outcome.UNCHANGED, FleetResult.Outcome.FAILED,
                        FleetResult.Outcome.NOT_STARTED, FleetResult.Outcome.NOT_STARTED, FleetResult.Outcome.NOT_STARTED,
                        FleetResult.Outcome.NOT_STARTED),
                results.stream().map(FleetResult.TargetResult::outcome).toList(), "the wave of db3 ends, the next ones do not start");
        assertEquals(3, ran.get());
        assertTrue(log.stream().anyMatch(l -> l.contains("a target failed; no further target starts")), String.join("\n", log));
    }
}
