package dev.dbmigrations.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code migrations:generate} did: the files it wrote or updated, the version it picked, the
 * next command to run; or, when {@link #problems()} is not empty, nothing at all.
 */
public record GenerateResult(String version, List<Path> written, List<Path> updated, List<String> notes,
                             List<Problem> problems) {

    public GenerateResult {
        written = List.copyOf(written);
        updated = List.copyOf(updated);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public static GenerateResult refused(Problem p) {
        return new GenerateResult(null, List.of(), List.of(), List.of(), List.of(p));
    }
}
