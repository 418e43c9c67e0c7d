package dev.dbmigrations.engine.fleet;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.FleetResult;
import dev.dbmigrations.engine.api.FleetTarget;
import dev.dbmigrations.engine.api.FleetResult.Outcome;
import dev.dbmigrations.engine.api.FleetResult.TargetResult;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.source.FleetSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Walks a fleet's targets: the canary first, then the waves, each wave's targets at most
 * {@code parallelism} at a time, each target through the one-database command unchanged (its own
 * lock, tracking, history, policy and backups). A target that fails stops new targets from starting
 * (or, with {@code onFailure: continue}, does not; a failed canary always stops the fleet); a
 * target that has started always runs to its end. See docs/fleet.md.
 */
public final class FleetRun {

    /** The one-database command on one target; {@code listener} prefixes its lines with the target's name. */
    @FunctionalInterface
    public interface Action {
        RunResult run(FleetTarget target, MigrationsListener listener);
    }

    private final FleetSpec spec;
    private final MigrationsListener listener;
    private final Object printLock = new Object();

    public FleetRun(FleetSpec spec, MigrationsListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    /** The waves of {@code n} targets: the canary (when there is one), then chunks of waveSize, or the rest at once. */
    public static List<int[]> waves(FleetSpec spec, int n) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        if (spec.canary() > 0) {
            int end = Math.min(n, spec.canary());
            out.add(new int[] {0, end});
            start = end;
        } else {
            out.add(new int[] {0, 0});
        }
        int size = spec.waveSize() == null ? Math.max(1, n - start) : spec.waveSize();
        for (int i = start; i < n; i += size) {
            out.add(new int[] {i, Math.min(n, i + size)});
        }
        return out;
    }

    /** Runs {@code command} over {@code targets}; a result per target, in their order. */
    public List<TargetResult> run(String command, List<FleetTarget> targets, Action action) {
        TargetResult[] results = new TargetResult[targets.size()];
        List<int[]> waves = waves(spec, targets.size());
        AtomicBoolean stop = new AtomicBoolean();
        Progress progress = new Progress(targets.size());
        int threads = Math.min(spec.parallelism(), Math.max(1, targets.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons());
        AtomicBoolean askedToStop = new AtomicBoolean();
        Thread hook = stopHook(command, stop, askedToStop, pool, progress);
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            stop.set(true);
        }
        try {
            for (int w = 0; w < waves.size(); w++) {
                int[] wave = waves.get(w);
                if (wave[0] == wave[1]) {
                    continue;
                }
                if (stop.get()) {
                    for (int i = wave[0]; i < wave[1]; i++) {
                        results[i] = notStarted(targets.get(i), w);
                    }
                    continue;
                }
                boolean canary = w == 0;
                listener.info("Fleet " + command + ": " + (canary ? "canary, " : "wave " + w + ", ")
                        + (wave[1] - wave[0]) + " target(s) of " + targets.size());
                List<Future<?>> running = new ArrayList<>();
                for (int i = wave[0]; i < wave[1]; i++) {
                    int index = i;
                    int waveNo = w;
                    running.add(pool.submit(() -> {
                        FleetTarget t = targets.get(index);
                        if (stop.get()) {
                            results[index] = notStarted(t, waveNo);
                            return;
                        }
                        progress.started();
                        TargetResult r = runOne(command, t, waveNo, canary, action);
                        results[index] = r;
                        if (!r.ok() && (canary || !spec.continueOnFailure())) {
                            stop.set(true);
                        }
                        progress.finished(r, listener, printLock);
                    }));
                }
                for (Future<?> f : running) {
                    try {
                        f.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        // the started targets run on; the rest are not started
                        stop.set(true);
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("a fleet task failed: " + e.getCause(), e.getCause());
                    }
                }
                if (stop.get() && !askedToStop.get()) {
                    listener.warn("Fleet " + command + ": " + (canary ? "the canary failed" : "a target failed")
                            + (spec.continueOnFailure() && canary ? " (onFailure: continue does not go past a failed canary)" : "")
                            + "; no further target starts");
                }
            }
        } finally {
            pool.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the targets that run
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = notStarted(targets.get(i), waves.size() - 1);
            }
        }
        return List.of(results);
    }

    /** Warnings already printed: the folder's own (a file named oddly, ...) would otherwise repeat once per target. */
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * What happens when the JVM is asked to stop (Ctrl-C, SIGTERM from a cancelled CI job) during the
     * run: no further target starts, and the JVM waits for the running ones to finish their migration,
     * since a target cut half way is left dirty or rolled back for nothing. A kill -9 still ends them
     * at once; a rerun resumes them.
     */
    private Thread stopHook(String command, AtomicBoolean stop, AtomicBoolean askedToStop, ExecutorService pool,
                            Progress progress) {
        return new Thread(() -> {
            askedToStop.set(true);
            stop.set(true);
            listener.warn("Fleet " + command + " was asked to stop: no further target starts; waiting for the "
                    + progress.running() + " running target(s) to finish their migrations (kill -9 ends them at once,"
                    + " and the next run resumes them)");
            pool.shutdown();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dbmigrations-fleet-stop");
    }

    private TargetResult runOne(String command, FleetTarget t, int wave, boolean canary, Action action) {
        MigrationsListener own = prefixed(t.name(), canary ? listener : listener.quieter(), warned);
        long start = System.nanoTime();
        RunResult r;
        try {
            r = action.run(t, own);
        } catch (MigrationsException e) {
            r = new RunResult(command, t.schema(), List.of(), List.of(Check.RUN_FAILED.of(e.getMessage(),
                    "check that the server of " + t.name() + " is up and reachable; rerun the same command to"
                            + " pick up where the fleet stopped")), List.of(), RunResult.UNKNOWN, false, "");
        } catch (RuntimeException e) {
            r = new RunResult(command, t.schema(), List.of(), List.of(Check.RUN_FAILED.of(
                    e.getClass().getSimpleName() + ": " + e.getMessage(), "report it with the log; rerun to resume")),
                    List.of(), RunResult.UNKNOWN, false, "");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Outcome outcome = !r.ok() ? Outcome.FAILED : r.steps().isEmpty() ? Outcome.UNCHANGED : Outcome.CHANGED;
        return new TargetResult(t.name(), t.schema(), wave, outcome, r.versionAfter(), r.dirtyAfter(), r.steps().size(),
                millis, r.problems(), r.notes());
    }

    private static TargetResult notStarted(FleetTarget t, int wave) {
        return new TargetResult(t.name(), t.schema(), wave, Outcome.NOT_STARTED, RunResult.UNKNOWN, false, 0, 0,
                List.of(Check.FLEET_NOT_STARTED.of("not started: an earlier target failed and the fleet stops on failure",
                        "fix that target, then run the same command again")), List.of());
    }

    /**
     * {@code listener} with each line prefixed by the target's name, for lines of several targets at
     * once; a warning already given for another target (the same text) is given once only.
     */
    static MigrationsListener prefixed(String name, MigrationsListener listener, java.util.Set<String> warned) {
        String prefix = "[" + name + "] ";
        return new MigrationsListener() {
            @Override
            public void info(String message) {
                listener.info(prefix + message);
            }

            @Override
            public void warn(String message) {
                if (warned.add(message)) {
                    listener.warn(prefix + message);
                } else {
                    listener.debug(prefix + message);
                }
            }

            @Override
            public void debug(String message) {
                listener.debug(prefix + message);
            }
        };
    }

    /**
     * {@code fn} of every target, at most {@code parallelism} at a time, in the targets' order: for work
     * that reads only (status), with no canary, waves or stopping.
     */
    public static <T> List<T> each(List<FleetTarget> targets, int parallelism, Function<FleetTarget, T> fn) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, targets.size())), daemons());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (FleetTarget t : targets) {
                futures.add(pool.submit(() -> fn.apply(t)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationsException("interrupted while reading the fleet's targets");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a fleet task failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dbmigrations-fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Done, running, failed and pending, and the slowest target so far: a line per finished target. */
    private static final class Progress {
        private final int total;
        private int running;
        private int done;
        private int failed;
        private long slowest = -1;
        private String slowestName;

        Progress(int total) {
            this.total = total;
        }

        synchronized void started() {
            running++;
        }

        synchronized int running() {
            return running;
        }

        void finished(TargetResult r, MigrationsListener listener, Object printLock) {
            String line;
            synchronized (this) {
                running--;
                done++;
                if (!r.ok()) {
                    failed++;
                }
                if (r.millis() > slowest) {
                    slowest = r.millis();
                    slowestName = r.name();
                }
                line = "[" + r.name() + "] " + r.outcome().label() + describe(r) + " in " + seconds(r.millis())
                        + "  (" + done + "/" + total + " done, " + running + " running, " + failed + " failed, "
                        + (total - done - running) + " pending; slowest " + slowestName + " " + seconds(slowest) + ")";
            }
            synchronized (printLock) {
                if (r.ok()) {
                    listener.info(line);
                } else {
                    listener.warn(line + ": " + r.problems().get(0).format());
                }
            }
        }

        private static String describe(TargetResult r) {
            String version = r.versionAfter() == RunResult.UNKNOWN ? "" : r.versionAfter() < 0 ? ", no version"
                    : ", at " + r.versionAfter() + (r.dirtyAfter() ? " (dirty)" : "");
            return (r.steps() == 0 ? "" : ", " + r.steps() + " migration(s)") + version;
        }
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The summary of a fleet's run: a line of counts, then the table (every target, or, past 50, those not ok). */
    public static List<String> summary(FleetResult r) {
        List<String> out = new ArrayList<>();
        TargetResult slowest = r.targets().stream().max(java.util.Comparator.comparingLong(TargetResult::millis)).orElse(null);
        out.add("Fleet " + r.command() + " on " + r.environment() + ": " + r.targets().size() + " target(s), "
                + r.count(Outcome.CHANGED) + " changed, " + r.count(Outcome.UNCHANGED) + " unchanged, "
                + r.count(Outcome.FAILED) + " failed, " + r.count(Outcome.NOT_STARTED) + " not started, in "
                + seconds(r.millis()) + (slowest == null ? "" : " (slowest " + slowest.name() + " " + seconds(slowest.millis()) + ")"));
        List<TargetResult> rows = r.targets().size() <= 50 ? r.targets()
                : r.targets().stream().filter(t -> !t.ok()).toList();
        if (rows.isEmpty()) {
            return out;
        }
        if (rows.size() < r.targets().size()) {
            out.add("The targets that did not end well (all " + r.targets().size() + " are in the fleet report):");
        }
        int width = Math.max(6, rows.stream().mapToInt(t -> t.name().length()).max().orElse(6));
        out.add(String.format(Locale.ROOT, "%-" + width + "s  %-4s  %-11s  %8s  %5s  %8s  %s", "TARGET", "WAVE", "OUTCOME",
                "VERSION", "STEPS", "TIME", "PROBLEM"));
        for (TargetResult t : rows) {
            String version = t.versionAfter() == RunResult.UNKNOWN ? "?" : t.versionAfter() < 0 ? "-"
                    : t.versionAfter() + (t.dirtyAfter() ? "*" : "");
            Problem p = t.problems().isEmpty() ? null : t.problems().get(0);
            out.add(String.format(Locale.ROOT, "%-" + width + "s  %-4s  %-11s  %8s  %5d  %8s  %s", t.name(),
                    t.wave() == 0 ? "c" : String.valueOf(t.wave()), t.outcome().label(), version, t.steps(),
                    seconds(t.millis()), p == null ? "" : "[" + p.check() + "] " + p.message()).stripTrailing());
        }
        if (r.targets().stream().anyMatch(TargetResult::dirtyAfter)) {
            out.add("* dirty: the next run of the same command resumes it, or refuses with the way out (docs/fleet.md)");
        }
        return out;
    }
}
