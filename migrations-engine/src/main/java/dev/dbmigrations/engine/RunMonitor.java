package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.monitor.Alerts;
import dev.dbmigrations.engine.monitor.Metrics;
import dev.dbmigrations.engine.monitor.Pushgateway;
import dev.dbmigrations.engine.source.Environments;
import dev.dbmigrations.engine.source.Migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deploy (up, down, goto) tells the outside once it is over, per service: its Prometheus
 * metrics written to a file and pushed to a Pushgateway, and the environment's webhooks called on a
 * failure, a success or a slow migration. The database part is read while the run's session is still
 * open; the files and the network come after the locks are released. Nothing here changes a run's
 * result: an endpoint that is down costs a warning. docs/monitoring.md.
 */
final class RunMonitor {

    private static final Pattern ENV = Pattern.compile("^\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)}$");

    private final String command;
    private final long t0 = System.nanoTime();
    private final Map<String, Metrics.Reading> readings = new LinkedHashMap<>();
    private long lockWaitMillis;

    RunMonitor(String command) {
        this.command = command;
    }

    /**
     * Why a run in the service's environment cannot start: an alert URL or Pushgateway given as
     * {@code ${env.NAME}} whose variable is not set. Asked before anything changes (fail closed: a
     * deploy whose failure nobody would hear of does not start). The variable's value is never printed.
     */
    static List<Problem> unresolved(Environments.Policy policy, Path file) {
        List<Problem> out = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        if (policy.pushgateway() != null) {
            refs.add(policy.pushgateway());
        }
        policy.alerts().forEach(a -> refs.add(a.url()));
        for (String ref : refs) {
            Matcher m = ENV.matcher(ref);
            if (m.matches() && (System.getenv(m.group(1)) == null || System.getenv(m.group(1)).isBlank())) {
                out.add(Check.ENVIRONMENTS.at(file, 0, 0, "environment " + policy.name() + " sends alerts or metrics to "
                                + ref + ", but the variable " + m.group(1) + " is not set where this run happens",
                        "set " + m.group(1) + " in the deploy job's environment (a CI secret), or remove the alert"));
            }
        }
        return out;
    }

    /** {@code ${env.NAME}} resolved, anything else as it is. */
    private static String resolve(String ref) {
        Matcher m = ENV.matcher(ref);
        return m.matches() ? System.getenv(m.group(1)) : ref;
    }

    void lockWait(long millis) {
        lockWaitMillis = millis;
    }

    /** Reads the service's state and history totals on the run's own session, after its result is known. */
    void read(Sessions.Open x, RunResult result) {
        Environments.Policy policy = policy(x.service());
        if (x.service().config.metricsDir() == null && pushgateway(x.service()) == null
                && (policy == null || policy.alerts().isEmpty())) {
            return; // no one to tell: the no-op deploy stays one query cheaper
        }
        Set<Long> applied = new HashSet<>(x.state().applied().keySet());
        for (Step s : result.steps()) {
            if (s.success()) {
                if (s.direction() == Direction.UP) {
                    applied.add(s.version());
                } else {
                    applied.remove(s.version());
                }
            }
        }
        int pending = 0;
        for (Migration m : x.set().forEnvironment(x.service().config.environment())) {
            if (!applied.contains(m.version())) {
                pending++;
            }
        }
        Connection work = x.work();
        try {
            readings.put(x.service().name(), x.service().tracking.totals(work, result.versionAfter(), result.dirtyAfter(),
                    pending, Metrics.BUCKETS));
        } catch (SQLException e) {
            x.service().listener.warn("Could not read the history totals for the metrics of " + x.service().name() + ": "
                    + e.getMessage());
        }
    }

    /** Writes, pushes and alerts for each service that has a result; never throws. */
    void publish(List<Service> services, List<RunResult> results) {
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        Instant now = Instant.now();
        for (Service s : services) {
            RunResult r = results.stream().filter(x -> x.schema().equals(s.schema())).findFirst().orElse(null);
            if (r == null) {
                continue;
            }
            try {
                publish(s, r, runMillis, now);
            } catch (RuntimeException e) {
                s.listener.warn("Could not report the run of " + s.name() + " to monitoring: " + e.getMessage());
            }
        }
    }

    /** A run that stopped with an exception (no connection, no lock): every service failed. */
    void failed(List<Service> services, String message) {
        List<RunResult> results = new ArrayList<>();
        for (Service s : services) {
            results.add(new RunResult(command, s.schema(), List.of(), List.of(Check.RUN_FAILED.of(message, null)),
                    List.of(), RunResult.UNKNOWN, false, ""));
        }
        publish(services, results);
    }

    private void publish(Service s, RunResult r, long runMillis, Instant now) {
        Metrics.Reading reading = readings.get(s.name());
        String environment = s.config.environment();
        Metrics.Run run = new Metrics.Run(s.name(), s.schema(), environment, s.config.target(), command, r.ok(), now, runMillis,
                lockWaitMillis, r.steps(), reading);
        String text = Metrics.render(run);
        Path dir = s.config.metricsDir();
        if (dir != null) {
            // a fleet's targets share a schema name: each writes a file of its own
            writeAtomically(dir.resolve("dbmigrations_" + s.schema() + (s.config.target() == null ? ""
                    : "@" + dev.dbmigrations.engine.api.FleetTarget.fileSafe(s.config.target())) + ".prom"), text, s);
        }
        String gateway = pushgateway(s);
        if (gateway != null) {
            Pushgateway.push(gateway, s.name(), s.schema(), environment, s.config.target(), text, s.listener);
        }
        Environments.Policy policy = policy(s);
        if (policy == null) {
            return;
        }
        for (Environments.Alert alert : policy.alerts()) {
            String url = resolve(alert.url());
            if (url == null) {
                continue;
            }
            for (Alerts.Event e : events(s, r, alert, reading, runMillis, now)) {
                Alerts.send(url, alert.format(), e, s.listener);
            }
        }
    }

    private List<Alerts.Event> events(Service s, RunResult r, Environments.Alert alert, Metrics.Reading reading,
                                      long runMillis, Instant now) {
        List<Alerts.Event> out = new ArrayList<>();
        String user = s.config.appliedBy();
        String host = host();
        if (!r.ok() && alert.on().contains("failure")) {
            Problem p = r.problems().get(0);
            Step failed = r.steps().isEmpty() || r.steps().get(r.steps().size() - 1).success() ? null
                    : r.steps().get(r.steps().size() - 1);
            out.add(new Alerts.Event("failure", s.name(), s.schema(), s.config.environment(), s.config.target(), command,
                    failed == null ? null : failed.id(), failed == null ? null : failed.version(),
                    "[" + p.check() + "] " + p.message(), p.file() == null ? null : relative(s, p.file()),
                    p.file() == null ? null : p.line(), failed == null ? runMillis : failed.millis(),
                    failed == null || reading == null ? null : reading.lastFailureId(), user, host, now));
        }
        if (r.ok() && !r.steps().isEmpty() && alert.on().contains("success")) {
            Step last = r.steps().get(r.steps().size() - 1);
            out.add(new Alerts.Event("success", s.name(), s.schema(), s.config.environment(), s.config.target(), command, last.id(),
                    last.version(), null, null, null, runMillis, null, user, host, now));
        }
        if (alert.on().contains("slow") && alert.slowerThan() != null) {
            for (Step st : r.steps()) {
                if (st.success() && st.millis() > alert.slowerThan().toMillis()) {
                    out.add(new Alerts.Event("slow", s.name(), s.schema(), s.config.environment(), s.config.target(), command, st.id(),
                            st.version(), null, null, null, st.millis(), null, user, host, now));
                }
            }
        }
        return out;
    }

    /** The file as the project sees it: relative to the folder that holds the migrations folder. */
    private static String relative(Service s, Path file) {
        Path base = s.config.dir().toAbsolutePath().normalize().getParent();
        Path f = file.toAbsolutePath().normalize();
        return base != null && f.startsWith(base) ? base.relativize(f).toString() : f.toString();
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    private static Environments.Policy policy(Service s) {
        dev.dbmigrations.engine.source.ServiceSettings settings = s.settings();
        if (settings == null || !settings.environments().problems().isEmpty()) {
            return null; // a run with a broken environments.json was refused; its alerts cannot be read
        }
        return settings.policy(s.config.environment());
    }

    /** The Pushgateway of the run: the config's, else the environment's (resolved), else null. */
    private static String pushgateway(Service s) {
        if (s.config.pushgateway() != null) {
            return s.config.pushgateway();
        }
        Environments.Policy policy = policy(s);
        return policy == null || policy.pushgateway() == null ? null : resolve(policy.pushgateway());
    }

    /** Temp file and rename, as the textfile collector asks, so it never reads half a file. */
    private static void writeAtomically(Path file, String text, Service s) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            s.listener.warn("Could not write the metrics file " + file + ": " + e.getMessage()
                    + " (fix: point migrations.metricsDir at a writable folder)");
        }
    }
}
