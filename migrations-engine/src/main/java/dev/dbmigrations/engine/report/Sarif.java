package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.Problem;

import java.nio.file.Path;

/** The SARIF 2.1.0 shape the reports share: one run of one tool, its rules, and a result per problem. */
final class Sarif {

    final ObjectNode root = Json.object();
    final ArrayNode rules;
    final ArrayNode results;

    Sarif(String tool) {
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", tool);
        rules = driver.putArray("rules");
        results = run.putArray("results");
    }

    /** A result for {@code p} at {@code level} (error, warning, note), at its file (relative to {@code base}) and line. */
    ObjectNode result(Problem p, String level, Path base) {
        ObjectNode o = results.addObject();
        o.put("ruleId", p.check());
        o.put("level", level);
        o.putObject("message").put("text", p.message() + (p.fix() == null ? "" : " Fix: " + p.fix()));
        if (p.file() != null) {
            ObjectNode loc = o.putArray("locations").addObject().putObject("physicalLocation");
            Path f = p.file().toAbsolutePath();
            Path b = base.toAbsolutePath();
            loc.putObject("artifactLocation").put("uri", f.startsWith(b) ? b.relativize(f).toString().replace('\\', '/')
                    : f.toUri().toString());
            if (p.line() > 0) {
                loc.putObject("region").put("startLine", p.line()).put("startColumn", Math.max(1, p.column()));
            }
        }
        return o;
    }

    String write() {
        return Json.write(root);
    }
}
