package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;

/**
 * A command's result as JSON, for CI and alerting: what ran, how long each step took, why it
 * stopped, and where the schema is afterwards. See docs/api-reference.md ("Run reports").
 */
public final class RunReport {

    private RunReport() {
    }

    public static String json(RunResult r, String service, String environment) {
        ObjectNode root = Json.object();
        root.put("command", r.command());
        root.put("service", service);
        root.put("schema", r.schema());
        root.put("environment", environment);
        root.put("ok", r.ok());
        root.put("dryRun", !r.dryRunScript().isEmpty());
        if (r.versionAfter() >= 0) {
            root.put("versionAfter", r.versionAfter());
        } else {
            root.putNull("versionAfter");
        }
        root.put("dirtyAfter", r.dirtyAfter());
        root.put("totalMs", r.steps().stream().mapToLong(Step::millis).sum());
        ArrayNode steps = root.putArray("steps");
        for (Step s : r.steps()) {
            ObjectNode o = steps.addObject();
            o.put("version", s.version());
            o.put("id", s.id());
            o.put("direction", s.direction().label());
            o.put("mode", s.mode().label());
            o.put("success", s.success());
            o.put("ms", s.millis());
        }
        Json.problems(root, "problems", r.problems());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return Json.write(root);
    }
}
