package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.HistoryResult;

import java.util.ArrayList;
import java.util.List;

/** {@code migrations:history} as an aligned table for people and as JSON for scripts. */
public final class HistoryReport {

    private HistoryReport() {
    }

    public static List<String> text(HistoryResult r) {
        List<String> out = new ArrayList<>(r.notes());
        if (r.entries().isEmpty()) {
            if (r.notes().isEmpty()) {
                out.add("No attempt on schema " + r.schema() + " matches");
            }
            return out;
        }
        String format = "%-6s %-20s %-12s %-8s %-32s %-8s %8s  %s";
        out.add(String.format(format, "ID", "STARTED (UTC)", "ENV", "ACTION", "MIGRATION", "OUTCOME", "MS", "BY / ERROR"));
        for (HistoryResult.Entry e : r.entries()) {
            String who = e.error() != null ? e.error() + (e.errorLine() == null ? "" : " (line " + e.errorLine() + ")")
                    : (e.appliedBy() != null ? e.appliedBy() : e.dbUser());
            out.add(String.format(format, e.id(), e.startedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                    e.environment() == null ? "" : e.environment(), e.action(), version(e), e.outcome(),
                    e.millis() == null ? "" : e.millis(), who == null ? "" : who));
        }
        out.add(r.entries().size() + " attempt(s) on schema " + r.schema() + ", " + r.failures() + " failed"
                + (r.slowest().isEmpty() ? "" : "; slowest: " + String.join(", ", r.slowest().stream()
                .map(e -> version(e) + " " + e.millis() + " ms").toList())));
        return out;
    }

    public static String json(HistoryResult r) {
        ObjectNode root = Json.object();
        root.put("service", r.service());
        root.put("schema", r.schema());
        root.put("failures", r.failures());
        ArrayNode list = root.putArray("entries");
        r.entries().forEach(e -> entry(list.addObject(), e));
        ArrayNode slowest = root.putArray("slowest");
        r.slowest().forEach(e -> entry(slowest.addObject(), e));
        r.notes().forEach(root.putArray("notes")::add);
        return Json.write(root);
    }

    private static void entry(ObjectNode o, HistoryResult.Entry e) {
        o.put("id", e.id());
        o.put("startedAt", e.startedAt().toString());
        o.put("environment", e.environment());
        o.put("action", e.action());
        o.put("version", e.version());
        o.put("name", e.name());
        o.put("outcome", e.outcome());
        if (e.millis() == null) {
            o.putNull("ms");
        } else {
            o.put("ms", e.millis());
        }
        o.put("appliedBy", e.appliedBy());
        o.put("dbUser", e.dbUser());
        o.put("error", e.error());
        if (e.errorLine() != null) {
            o.put("errorLine", e.errorLine());
        }
        o.put("detail", e.detail());
    }

    private static String version(HistoryResult.Entry e) {
        return e.name() == null ? String.valueOf(e.version()) : e.name();
    }
}
