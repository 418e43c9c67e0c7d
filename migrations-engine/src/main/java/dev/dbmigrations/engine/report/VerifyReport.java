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
            m.trace().forEach(o.putArray("trace")::add);
        }
        Json.problems(root, "problems", r.problems());
        Json.problems(root, "warnings", r.warnings());
        return Json.write(root);
    }
}
