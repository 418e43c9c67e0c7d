package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.api.FleetResult;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.FleetTarget;

import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's run as one JSON report (docs/fleet.md, "The fleet report"): the counts, then every
 * target's outcome in the fleet's order, with its version afterwards and its first problem. Written
 * without Jackson, as the one-database run report is.
 */
public final class FleetReport {

    private FleetReport() {
    }

    public static String json(FleetResult r, String service, String schema) {
        List<Object> targets = new ArrayList<>();
        for (FleetResult.TargetResult t : r.targets()) {
            JsonWriter.Obj o = new JsonWriter.Obj().put("target", t.name()).put("schema", t.schema())
                    .put("wave", t.wave()).put("outcome", t.outcome().label()).put("ok", t.ok())
                    .put("versionAfter", t.versionAfter() == RunResult.UNKNOWN || t.versionAfter() < 0 ? null : t.versionAfter())
                    .put("dirtyAfter", t.dirtyAfter()).put(r.command().equals("status") ? "pending" : "steps", t.steps())
                    .put("ms", t.millis()).put("problems", problems(t.problems()))
                    .put("notes", new ArrayList<Object>(t.notes()));
            targets.add(o);
        }
        JsonWriter.Obj counts = new JsonWriter.Obj();
        for (FleetResult.Outcome o : FleetResult.Outcome.values()) {
            counts.put(o.label().replace(' ', '_'), r.count(o));
        }
        JsonWriter.Obj root = new JsonWriter.Obj().put("command", r.command()).put("service", service)
                .put("schema", schema).put("environment", r.environment()).put("fleet", true).put("ok", r.ok())
                .put("totalMs", r.millis()).put("counts", counts).put("problems", problems(r.problems()))
                .put("targets", targets);
        return JsonWriter.write(root);
    }

    /** The targets a run would reach, as JSON: name, masked URL, schema and wave. */
    public static String targetsJson(List<FleetTarget> targets, List<Integer> waves) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            FleetTarget t = targets.get(i);
            out.add(new JsonWriter.Obj().put("target", t.name()).put("url", t.maskedUrl()).put("schema", t.schema())
                    .put("serverId", t.serverId()).put("wave", waves.get(i)));
        }
        return JsonWriter.write(out);
    }

    static List<Object> problems(List<Problem> problems) {
        List<Object> out = new ArrayList<>();
        for (Problem p : problems) {
            out.add(new JsonWriter.Obj().put("check", p.check()).put("file", p.file() == null ? null : p.file().toString())
                    .put("line", p.line()).put("message", p.message()).put("fix", p.fix()));
        }
        return out;
    }
}
