package dev.dbmigrations.engine.api;

import java.util.List;

/**
 * The dependency graph of one or more services: a text tree, Mermaid, DOT and SVG renderings, and the
 * problems found (cycles and missing targets are errors; dependencies on services outside the run
 * are warnings).
 */
public record DepsResult(List<String> tree, String mermaid, String dot, String svg, List<Problem> errors,
                         List<Problem> warnings) {

    public DepsResult {
        tree = List.copyOf(tree);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
