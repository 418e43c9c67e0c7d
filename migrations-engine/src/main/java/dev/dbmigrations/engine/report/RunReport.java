package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's result as JSON, for CI and alerting: what ran, how long each step took, why it
 * stopped, and where the schema is afterwards. See docs/api-reference.md ("Run reports"). Written
 * without Jackson: every deploy writes it.
 */
public final class RunReport {

    private RunReport() {
    }

    public static String json(RunResult r, String service, String environment) {
        List<Object> steps = new ArrayList<>();
        for (Step s : r.steps()) {
            steps.add(new JsonWriter.Obj().put("version", s.version()).put("id", s.id()).put("direction", s.direction().label())
                    .put("mode", s.mode().label()).put("success", s.success()).put("ms", s.millis()));
        }
        List<Object> problems = new ArrayList<>();
        for (Problem p : r.problems()) {
            JsonWriter.Obj o = new JsonWriter.Obj().put("check", p.check())
                    .put("file", p.file() == null ? null : p.file().toString()).put("line", p.line())
                    .put("column", p.column()).put("message", p.message()).put("fix", p.fix());
            if (p.service() != null) {
                o.put("service", p.service());
            }
            problems.add(o);
        }
        JsonWriter.Obj root = new JsonWriter.Obj().put("command", r.command()).put("service", service)
                .put("schema", r.schema()).put("environment", environment).put("ok", r.ok())
                .put("dryRun", !r.dryRunScript().isEmpty()).put("versionAfter", r.versionAfter() >= 0 ? r.versionAfter() : null)
                .put("dirtyAfter", r.dirtyAfter()).put("totalMs", r.steps().stream().mapToLong(Step::millis).sum())
                .put("steps", steps).put("problems", problems).put("notes", new ArrayList<Object>(r.notes()));
        return JsonWriter.write(root);
    }
}
