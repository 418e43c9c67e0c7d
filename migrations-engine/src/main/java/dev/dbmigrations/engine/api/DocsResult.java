package dev.dbmigrations.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code migrations:docs} did or, checking, would do.
 *
 * @param dir      the folder of the generated pages ({@code <migrations>/docs})
 * @param written  the pages written (none when checking)
 * @param stale    the pages missing or out of date (when checking)
 * @param problems why the folder could not be read or the pages not written
 */
public record DocsResult(Path dir, List<Path> written, List<Path> stale, List<Problem> problems) {
    public DocsResult {
        written = List.copyOf(written);
        stale = List.copyOf(stale);
        problems = List.copyOf(problems);
    }
}
