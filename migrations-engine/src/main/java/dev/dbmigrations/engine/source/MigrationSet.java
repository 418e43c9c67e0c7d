package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from a migrations folder: the migrations ordered by numeric version, and the
 * problems that forbid touching the database.
 */
public record MigrationSet(Path dir, List<Migration> migrations, List<Problem> problems, List<String> warnings) {

    public MigrationSet {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The migrations that apply in {@code environment}: the common ones and those of its subfolder. */
    public List<Migration> forEnvironment(String environment) {
        return migrations.stream()
                .filter(m -> m.environment() == null || m.environment().equals(environment))
                .toList();
    }

    public Optional<Migration> byVersion(long version) {
        return migrations.stream().filter(m -> m.version() == version).findFirst();
    }
}
