package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.Diagnostic;
import dev.dbmigrations.engine.api.Level;
import dev.dbmigrations.engine.api.MigrationRisk;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.lint.Rule;
import dev.dbmigrations.engine.lint.Rules;
import dev.dbmigrations.engine.lint.Validator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link ValidationResult}: log lines with the fix under each, a risk table, JSON and SARIF. */
public final class ValidationReport {


    private ValidationReport() {
    }

    /** One entry per diagnostic: the {@code path:line:col [id] message} line and the fix line under it. */
    public record Line(Diagnostic diagnostic, String text, String fix) {
    }

    public static List<Line> lines(ValidationResult r) {
        List<Line> out = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            Problem p = d.problem();
            String head = (p.file() == null ? "" : p.file() + ":" + Math.max(p.line(), 1) + ":" + Math.max(p.column(), 1) + " ")
                    + "[" + p.check() + "] " + p.message()
                    + (d.risk() == null ? "" : " (risk " + d.risk().label() + ")")
                    + (d.ignored() ? " (ignored by a migrations:ignore directive)" : "");
            out.add(new Line(d, head, p.fix() == null ? "" : "    fix: " + p.fix()));
        }
        return out;
    }

    /** The risk table, header first. */
    public static List<String> riskTable(ValidationResult r) {
        List<String> out = new ArrayList<>();
        int w = Math.max(9, r.migrations().stream().mapToInt(m -> m.id().length()).max().orElse(0));
        out.add(String.format("%-" + w + "s  %-8s  %-11s  %s", "MIGRATION", "RISK", "ENV", "FINDINGS"));
        for (MigrationRisk m : r.migrations()) {
            out.add(String.format("%-" + w + "s  %-8s  %-11s  %d%s", m.id(), m.risk().label(),
                    m.environment() == null ? "all" : m.environment(), m.findings(),
                    m.ignored() > 0 ? " (+" + m.ignored() + " ignored)" : ""));
        }
        return out;
    }

    /** How many findings each rule or check gave, at which level: the most frequent first. */
    public record RuleCount(String id, String level, long count, long ignored) {
    }

    public static List<RuleCount> ruleCounts(ValidationResult r) {
        java.util.Map<String, long[]> counts = new java.util.LinkedHashMap<>();
        for (Diagnostic d : r.diagnostics()) {
            String key = d.problem().check() + "\u0000" + d.level().label();
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[d.ignored() ? 1 : 0]++;
        }
        List<RuleCount> out = new ArrayList<>();
        counts.forEach((k, c) -> {
            String[] parts = k.split("\u0000");
            out.add(new RuleCount(parts[0], parts[1], c[0], c[1]));
        });
        out.sort(java.util.Comparator.comparingLong((RuleCount c) -> -c.count()).thenComparing(RuleCount::id));
        return out;
    }

    /** The per-rule summary as lines, header first; empty when there is no finding. */
    public static List<String> ruleTable(ValidationResult r) {
        List<RuleCount> counts = ruleCounts(r);
        List<String> out = new ArrayList<>();
        if (counts.isEmpty()) {
            return out;
        }
        int w = Math.max(4, counts.stream().mapToInt(c -> c.id().length()).max().orElse(0));
        out.add(String.format("%-" + w + "s  %-7s  %s", "RULE", "LEVEL", "COUNT"));
        for (RuleCount c : counts) {
            out.add(String.format("%-" + w + "s  %-7s  %d%s", c.id(), c.level(), c.count(),
                    c.ignored() > 0 ? " (+" + c.ignored() + " ignored)" : ""));
        }
        return out;
    }

    public static String json(ValidationResult r) {
        ObjectNode root = Json.object();
        root.put("service", r.service());
        root.put("environment", r.environment());
        root.put("strictness", r.strictness().label());
        root.put("errors", r.errors());
        root.put("warnings", r.warnings());
        ArrayNode ds = root.putArray("findings");
        for (Diagnostic d : r.diagnostics()) {
            ObjectNode o = ds.addObject();
            Problem p = d.problem();
            o.put("id", p.check());
            o.put("level", d.level().label());
            o.put("risk", d.risk() == null ? null : d.risk().label());
            o.put("ignored", d.ignored());
            Json.problem(o, p);
        }
        ArrayNode rules = root.putArray("rules");
        for (RuleCount c : ruleCounts(r)) {
            ObjectNode o = rules.addObject();
            o.put("id", c.id());
            o.put("level", c.level());
            o.put("count", c.count());
            o.put("ignored", c.ignored());
        }
        ArrayNode ms = root.putArray("migrations");
        for (MigrationRisk m : r.migrations()) {
            ObjectNode o = ms.addObject();
            o.put("version", m.version());
            o.put("id", m.id());
            o.put("environment", m.environment());
            o.put("risk", m.risk().label());
            o.put("findings", m.findings());
            o.put("ignored", m.ignored());
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return write(root);
    }

    /** SARIF 2.1.0, for code-scanning UIs; paths relative to {@code base} when they are under it. */
    public static String sarif(ValidationResult r, Path base) {
        Sarif sarif = new Sarif("dbmigrations");
        for (Rule rule : Rules.all()) {
            ObjectNode o = sarif.rules.addObject();
            o.put("id", rule.id());
            o.putObject("shortDescription").put("text", rule.why());
            o.putObject("help").put("text", rule.fix());
            o.putObject("properties").put("risk", rule.risk().label()).put("lock", rule.lock());
        }
        for (String check : Validator.CHECKS.keySet()) {
            sarif.rules.addObject().put("id", check);
        }
        for (Diagnostic d : r.diagnostics()) {
            ObjectNode o = sarif.result(d.problem(), d.ignored() ? "note" : d.level() == Level.ERROR ? "error" : "warning", base);
            if (d.ignored()) {
                o.putArray("suppressions").addObject().put("kind", "inSource");
            }
        }
        return sarif.write();
    }

    private static String write(ObjectNode root) {
        return Json.write(root);
    }
}
