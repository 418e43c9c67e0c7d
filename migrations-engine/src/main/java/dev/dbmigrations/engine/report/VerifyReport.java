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

    /**
     * SARIF 2.1.0 for code-scanning tools: the problems as errors and the warnings as warnings, each at
     * its file and line (paths relative to {@code base}), with the catalogue's checks as rules.
     */
    public static String sarif(VerifyResult r, java.nio.file.Path base) {
        ObjectNode root = Json.object();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dbmigrations verify");
        ArrayNode rules = driver.putArray("rules");
        for (dev.dbmigrations.engine.api.Check c : dev.dbmigrations.engine.api.Check.values()) {
            if (c.id().startsWith("verify-") || c.id().equals("trace-mismatch")) {
                ObjectNode o = rules.addObject();
                o.put("id", c.id());
                o.putObject("shortDescription").put("text", c.summary());
                o.put("helpUri", "docs/" + c.docs());
            }
        }
        ArrayNode results = run.putArray("results");
        for (dev.dbmigrations.engine.api.Problem p : r.problems()) {
            result(results, p, "error", base);
        }
        for (dev.dbmigrations.engine.api.Problem p : r.warnings()) {
            result(results, p, "warning", base);
        }
        return Json.write(root);
    }

    private static void result(ArrayNode results, dev.dbmigrations.engine.api.Problem p, String level, java.nio.file.Path base) {
        ObjectNode o = results.addObject();
        o.put("ruleId", p.check());
        o.put("level", level);
        o.putObject("message").put("text", p.message() + (p.fix() == null ? "" : " Fix: " + p.fix()));
        if (p.file() != null) {
            ObjectNode loc = o.putArray("locations").addObject().putObject("physicalLocation");
            java.nio.file.Path f = p.file().toAbsolutePath();
            java.nio.file.Path b = base.toAbsolutePath();
            loc.putObject("artifactLocation").put("uri", f.startsWith(b) ? b.relativize(f).toString().replace('\\', '/')
                    : f.toUri().toString());
            if (p.line() > 0) {
                loc.putObject("region").put("startLine", p.line()).put("startColumn", Math.max(1, p.column()));
            }
        }
    }
}
