package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.VerifyResult;

/** {@code migrations:verify}'s result as JSON: where it ran, each migration's replay, the problems and warnings. */
public final class VerifyReport {

    private VerifyReport() {
    }

    public static String json(VerifyResult r) {
        ObjectNode root = Json.object();
        root.put("scratch", r.scratch());
        root.put("ok", r.ok());
        ArrayNode list = root.putArray("migrations");
        for (VerifyResult.Migration m : r.migrations()) {
            ObjectNode o = list.addObject();
            o.put("service", m.service());
            o.put("version", m.version());
            o.put("id", m.id());
            o.put("up", m.up());
            if (m.down() == null) {
                o.putNull("down");
            } else {
                o.put("down", m.down());
            }
            if (m.restored() == null) {
                o.putNull("catalogRestored");
            } else {
                o.put("catalogRestored", m.restored());
            }
            if (m.upAgain() == null) {
                o.putNull("upAgain");
            } else {
                o.put("upAgain", m.upAgain());
            }
            o.put("ms", m.millis());
            ArrayNode trace = o.putArray("trace");
            for (VerifyResult.Traced t : m.trace()) {
                ObjectNode e = trace.addObject();
                e.put("line", t.line());
                ArrayNode locks = e.putArray("locks");
                t.locks().forEach(l -> locks.addObject().put("mode", l.mode()).put("relation", l.relation())
                        .put("blocks", l.blocks()));
                t.rewritten().forEach(e.putArray("rewritten")::add);
                e.put("risk", t.risk().label());
                e.put("reason", t.reason());
            }
        }
        Json.problems(root, "problems", r.problems());
        Json.problems(root, "warnings", r.warnings());
        return Json.write(root);
    }

    /**
     * SARIF 2.1.0 for code-scanning tools: the problems as errors and the warnings as warnings, each at
     * its file and line (paths relative to {@code base}), with the catalogue's checks as rules.
     */
    public static String sarif(VerifyResult r, java.nio.file.Path base) {
        Sarif sarif = new Sarif("dbmigrations verify");
        for (dev.dbmigrations.engine.api.Check c : dev.dbmigrations.engine.api.Check.values()) {
            if (c.id().startsWith("verify-") || c.id().equals("trace-mismatch")) {
                ObjectNode o = sarif.rules.addObject();
                o.put("id", c.id());
                o.putObject("shortDescription").put("text", c.summary());
                o.put("helpUri", "docs/" + c.docs());
            }
        }
        r.problems().forEach(p -> sarif.result(p, "error", base));
        r.warnings().forEach(p -> sarif.result(p, "warning", base));
        return sarif.write();
    }
}
