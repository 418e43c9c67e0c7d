package dev.dbmigrations.engine.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.MigrationsListener;

import java.time.Instant;

/**
 * What an alert says, and its two bodies: a generic JSON object for any receiver, and Slack's
 * incoming-webhook shape ({@code {"text": ...}}, which Mattermost, Rocket.Chat and Teams' Slack
 * connectors take too). docs/monitoring.md shows both.
 */
public final class Alerts {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One event of a run of one service: {@code event} is failure, success or slow; {@code migration},
     * {@code file} and the rest are null where they do not apply (a run that could not connect has no
     * migration).
     */
    public record Event(String event, String service, String schema, String environment, String target, String command,
                        String migration, Long version, String error, String file, Integer line, long durationMillis,
                        Long historyId, String user, String host, Instant at) {
    }

    private Alerts() {
    }

    public static String json(Event e) {
        java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("event", e.event());
        o.put("service", e.service());
        o.put("schema", e.schema());
        o.put("environment", e.environment());
        if (e.target() != null) {
            o.put("target", e.target());
        }
        o.put("command", e.command());
        o.put("migration", e.migration());
        o.put("version", e.version());
        o.put("error", e.error());
        o.put("file", e.file());
        o.put("line", e.line());
        o.put("durationMs", e.durationMillis());
        o.put("historyId", e.historyId());
        o.put("user", e.user());
        o.put("host", e.host());
        o.put("at", e.at().toString());
        return MAPPER.valueToTree(o).toString();
    }

    /** One line of text, as chat tools show it. */
    public static String text(Event e) {
        String where = e.service() + " (" + e.environment() + ")" + (e.target() == null ? "" : " on " + e.target());
        String migration = e.migration() == null ? "" : " at " + e.migration();
        String place = e.file() == null ? "" : " [" + e.file() + (e.line() == null || e.line() == 0 ? "" : ":" + e.line()) + "]";
        String history = e.historyId() == null ? "" : ", history row " + e.historyId();
        String took = String.format(java.util.Locale.ROOT, "%.1f s", e.durationMillis() / 1000.0);
        return switch (e.event()) {
            case "failure" -> ":x: migrations:" + e.command() + " failed for " + where + migration + place + ": "
                    + e.error() + " (" + took + history + ")";
            case "slow" -> ":hourglass: " + e.migration() + " of " + where + " took " + took + " (migrations:"
                    + e.command() + ")";
            default -> ":white_check_mark: migrations:" + e.command() + " succeeded for " + where
                    + (e.migration() == null ? "" : ", last " + e.migration()) + " (" + took + ")";
        };
    }

    public static String slack(Event e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("text", text(e));
        return o.toString();
    }

    /** Sends {@code e} to {@code url} in {@code format}; never throws (see {@link Http}). */
    public static boolean send(String url, String format, Event e, MigrationsListener listener) {
        String body = "slack".equals(format) ? slack(e) : json(e);
        return Http.send("POST", url, "application/json", body, "the " + e.event() + " alert of " + e.service(), listener);
    }
}
