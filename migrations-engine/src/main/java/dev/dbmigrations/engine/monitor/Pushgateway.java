package dev.dbmigrations.engine.monitor;

import dev.dbmigrations.engine.api.MigrationsListener;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Pushes a run's metrics to a Prometheus Pushgateway, grouped by {@code job="dbmigrations"}, service,
 * schema, environment and, in a fleet, target. It POSTs, so only the metrics of this push are replaced in the group: a
 * run that could not reach the database (and so has no history totals) leaves the last known
 * totals in place.
 */
public final class Pushgateway {

    private Pushgateway() {
    }

    /** The group's URL under {@code base}. */
    public static String groupUrl(String base, String service, String schema, String environment, String target) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + "/metrics/job/dbmigrations/service/" + enc(service) + "/schema/" + enc(schema) + "/environment/"
                + enc(environment) + (target == null ? "" : "/target/" + enc(target));
    }

    /** Pushes one run's metrics; {@code target} (a fleet target, or null) is part of the group. */
    public static boolean push(String base, String service, String schema, String environment, String target,
                               String metrics, MigrationsListener listener) {
        return Http.send("POST", groupUrl(base, service, schema, environment, target), "text/plain; version=0.0.4; charset=utf-8",
                metrics, "the metrics of " + service, listener);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
