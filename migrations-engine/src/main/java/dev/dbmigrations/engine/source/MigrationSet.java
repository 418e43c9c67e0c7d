package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from a migrations folder: the migrations ordered by numeric version, the
 * problems that forbid touching the database, and the migrations left out because of them
 * ({@code skipped}: id and why, for the summary of validate).
 */
public record MigrationSet(Path dir, List<Migration> migrations, List<Problem> problems, List<String> warnings,
                           List<String> skipped) {

    public MigrationSet {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
    }

    public MigrationSet(Path dir, List<Migration> migrations, List<Problem> problems, List<String> warnings) {
        this(dir, migrations, problems, warnings, List.of());
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
