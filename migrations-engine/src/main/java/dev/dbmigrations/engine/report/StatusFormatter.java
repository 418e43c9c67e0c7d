package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.MigrationStatus;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.StatusResult;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link StatusResult} as an aligned text table or as JSON. */
public final class StatusFormatter {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StatusFormatter() {
    }

    /** Table lines, header first, one line per migration, then a summary line. */
    public static List<String> text(StatusResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("Service " + r.service() + ", schema " + r.schema() + ", environment " + r.environment()
                + ": version " + (r.version() < 0 ? "none" : r.version()) + (r.dirty() ? " (DIRTY)" : "")
                + (r.initialised() ? "" : " (not initialised: migrations:init or migrations:up creates the tables)"));
        String[] header = {"VERSION", "MIGRATION", "ENV", "STATE", "APPLIED AT", "MS", "NOTES"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (MigrationStatus m : r.migrations()) {
            List<String> notes = new ArrayList<>();
            if (m.checksumMismatch()) {
                notes.add("checksum mismatch");
            }
            if (!m.reversible()) {
                notes.add("irreversible");
            }
            rows.add(new String[] {
                    Long.toString(m.version()), m.id(), m.environment() == null ? "all" : m.environment(),
                    m.state().label(), m.appliedAt() == null ? "-" : AT.format(m.appliedAt()),
                    m.executionMillis() == null ? "-" : Long.toString(m.executionMillis()), String.join(", ", notes)});
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append("  ");
                }
                sb.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
            }
            lines.add(sb.toString().stripTrailing());
        }
        long applied = r.migrations().size() - r.pendingCount();
        lines.add(r.migrations().size() + " migrations: " + applied + " applied or recorded, " + r.pendingCount()
                + " pending");
        for (String d : r.deploy()) {
            lines.add("Deploy policy of " + r.environment() + ": " + d);
        }
        for (Problem p : r.problems()) {
            lines.add(p.format());
        }
        return lines;
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    public static String json(StatusResult r) {
        ObjectNode root = Json.object();
        root.put("service", r.service());
        root.put("schema", r.schema());
        root.put("environment", r.environment());
        root.put("initialised", r.initialised());
        if (r.version() < 0) {
            root.putNull("version");
        } else {
            root.put("version", r.version());
        }
        root.put("dirty", r.dirty());
        ArrayNode list = root.putArray("migrations");
        for (MigrationStatus m : r.migrations()) {
            ObjectNode o = list.addObject();
            o.put("version", m.version());
            o.put("id", m.id());
            o.put("environment", m.environment());
            o.put("state", m.state().name().toLowerCase(java.util.Locale.ROOT));
            o.put("appliedAt", m.appliedAt() == null ? null : m.appliedAt().toString());
            if (m.executionMillis() == null) {
                o.putNull("executionMs");
            } else {
                o.put("executionMs", m.executionMillis());
            }
            o.put("checksum", m.checksum());
            o.put("checksumMismatch", m.checksumMismatch());
            o.put("reversible", m.reversible());
        }
        Json.problems(root, "problems", r.problems());
        ArrayNode deploy = root.putArray("deploy");
        r.deploy().forEach(deploy::add);
        return Json.write(root);
    }
}
