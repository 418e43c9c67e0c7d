package dev.dbmigrations.engine.monitor;

import dev.dbmigrations.engine.api.Step;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A run of one service in Prometheus' text exposition format (version 0.0.4): what the run did, and
 * what the service's tracking tables say afterwards. Counters come from the append-only history
 * table, so they only grow, whichever machine ran the deploy. Every metric carries the labels
 * {@code service}, {@code schema} and {@code environment}. docs/monitoring.md lists them.
 */
public final class Metrics {

    /** Upper bounds of the migration duration histogram, in seconds. */
    public static final double[] BUCKETS = {0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600};

    /** What the tracking tables say after the run; null when the run could not read them. */
    public record Reading(long version, boolean dirty, int pending, long applied, long rolledBack, long failed,
                          Instant lastSuccess, long[] buckets, long count, double sumSeconds, Long lastFailureId) {
    }

    /** One service's run: {@code reading} is null when it never reached the database. */
    public record Run(String service, String schema, String environment, String target, String command, boolean ok,
                      Instant finishedAt, long runMillis, long lockWaitMillis, List<Step> steps, Reading reading) {
    }

    /** Every metric this class writes, with its type and help, in the order written (docs/monitoring.md). */
    public enum Metric {
        LAST_RUN_SUCCESS("dbmigrations_last_run_success", "gauge", "command",
                "1 when the last run of the command succeeded, 0 when it failed or was refused"),
        LAST_RUN_TIMESTAMP("dbmigrations_last_run_timestamp_seconds", "gauge", "command",
                "when the last run of the command ended, Unix time"),
        LAST_RUN_DURATION("dbmigrations_last_run_duration_seconds", "gauge", "command",
                "how long the last run of the command took, connecting and locking included"),
        LAST_RUN_LOCK_WAIT("dbmigrations_last_run_lock_wait_seconds", "gauge", "command",
                "how long the last run waited for the schema's migration lock"),
        LAST_RUN_STEPS("dbmigrations_last_run_migrations", "gauge", "command",
                "migrations the last run applied or rolled back, the failed one included"),
        LAST_RUN_MIGRATION_DURATION("dbmigrations_last_run_migration_duration_seconds", "gauge",
                "migration, direction, outcome", "how long each migration of the last run took"),
        VERSION("dbmigrations_schema_version", "gauge", "", "golang-migrate's version of the schema after the run, -1 for none"),
        DIRTY("dbmigrations_dirty", "gauge", "", "1 when the schema is dirty (a migration outside a transaction stopped half way)"),
        PENDING("dbmigrations_pending_migrations", "gauge", "", "migrations of the folder not applied to the schema"),
        APPLIED("dbmigrations_migrations_applied_total", "counter", "", "migrations applied (up), from the history table"),
        ROLLED_BACK("dbmigrations_migrations_rolled_back_total", "counter", "",
                "migrations rolled back (down), from the history table"),
        FAILED("dbmigrations_migrations_failed_total", "counter", "",
                "migrations that failed, up or down, from the history table"),
        LAST_SUCCESS("dbmigrations_last_success_timestamp_seconds", "gauge", "",
                "when a migration last went through, up or down, Unix time (absent when none ever did)"),
        DURATION("dbmigrations_migration_duration_seconds", "histogram", "le (buckets)",
                "durations of the migrations that went through, up and down, from the history table");

        public final String name;
        public final String type;
        /** Labels beyond service, schema and environment, as a list for people; "" for none. */
        public final String labels;
        public final String help;

        Metric(String name, String type, String labels, String help) {
            this.name = name;
            this.type = type;
            this.labels = labels;
            this.help = help;
        }
    }

    private Metrics() {
    }

    public static String render(Run run) {
        StringBuilder out = new StringBuilder(2048);
        String base = "service=\"" + escape(run.service()) + "\",schema=\"" + escape(run.schema())
                + "\",environment=\"" + escape(run.environment()) + "\""
                + (run.target() == null ? "" : ",target=\"" + escape(run.target()) + "\"");
        String withCommand = base + ",command=\"" + escape(run.command()) + "\"";
        header(out, Metric.LAST_RUN_SUCCESS).sample(out, Metric.LAST_RUN_SUCCESS.name, withCommand, run.ok() ? 1 : 0);
        header(out, Metric.LAST_RUN_TIMESTAMP).sample(out, Metric.LAST_RUN_TIMESTAMP.name, withCommand,
                run.finishedAt().toEpochMilli() / 1000.0);
        header(out, Metric.LAST_RUN_DURATION).sample(out, Metric.LAST_RUN_DURATION.name, withCommand, run.runMillis() / 1000.0);
        header(out, Metric.LAST_RUN_LOCK_WAIT).sample(out, Metric.LAST_RUN_LOCK_WAIT.name, withCommand,
                run.lockWaitMillis() / 1000.0);
        header(out, Metric.LAST_RUN_STEPS).sample(out, Metric.LAST_RUN_STEPS.name, withCommand, run.steps().size());
        if (!run.steps().isEmpty()) {
            header(out, Metric.LAST_RUN_MIGRATION_DURATION);
            for (Step s : run.steps()) {
                sample(out, Metric.LAST_RUN_MIGRATION_DURATION.name, base + ",migration=\"" + escape(s.id())
                        + "\",direction=\"" + s.direction().label() + "\",outcome=\"" + (s.success() ? "success" : "failed")
                        + "\"", s.millis() / 1000.0);
            }
        }
        Reading r = run.reading();
        if (r == null) {
            return out.toString();
        }
        header(out, Metric.VERSION).sample(out, Metric.VERSION.name, base, r.version());
        header(out, Metric.DIRTY).sample(out, Metric.DIRTY.name, base, r.dirty() ? 1 : 0);
        header(out, Metric.PENDING).sample(out, Metric.PENDING.name, base, r.pending());
        header(out, Metric.APPLIED).sample(out, Metric.APPLIED.name, base, r.applied());
        header(out, Metric.ROLLED_BACK).sample(out, Metric.ROLLED_BACK.name, base, r.rolledBack());
        header(out, Metric.FAILED).sample(out, Metric.FAILED.name, base, r.failed());
        if (r.lastSuccess() != null) {
            header(out, Metric.LAST_SUCCESS).sample(out, Metric.LAST_SUCCESS.name, base, r.lastSuccess().toEpochMilli() / 1000.0);
        }
        header(out, Metric.DURATION);
        for (int i = 0; i < BUCKETS.length; i++) {
            sample(out, Metric.DURATION.name + "_bucket", base + ",le=\"" + number(BUCKETS[i]) + "\"", r.buckets()[i]);
        }
        sample(out, Metric.DURATION.name + "_bucket", base + ",le=\"+Inf\"", r.count());
        sample(out, Metric.DURATION.name + "_sum", base, r.sumSeconds());
        sample(out, Metric.DURATION.name + "_count", base, r.count());
        return out.toString();
    }

    private static Writer header(StringBuilder out, Metric m) {
        out.append("# HELP ").append(m.name).append(' ').append(m.help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(m.name).append(' ').append(m.type).append('\n');
        return WRITER;
    }

    /** Lets a header be followed by its sample in one expression. */
    private static final class Writer {
        Writer sample(StringBuilder out, String name, String labels, double value) {
            Metrics.sample(out, name, labels, value);
            return this;
        }
    }

    private static final Writer WRITER = new Writer();

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** A label value as the exposition format wants it: backslash, double quote and newline escaped. */
    static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
