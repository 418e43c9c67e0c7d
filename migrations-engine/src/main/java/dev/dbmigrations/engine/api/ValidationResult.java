package dev.dbmigrations.engine.api;

import java.util.List;

/**
 * What {@code migrations:validate} found, offline.
 *
 * @param strictness  the lint strictness of the environment, which made each finding an error, a warning or nothing
 * @param diagnostics every finding, in file order, including warnings and ignored ones (level OFF ones are left out)
 * @param migrations  one risk line per migration
 * @param notes       facts worth telling (no migrations.sum yet, ...)
 */
public record ValidationResult(String service, String environment, Strictness strictness, List<Diagnostic> diagnostics,
                               List<MigrationRisk> migrations, List<String> notes) {

    public ValidationResult {
        diagnostics = List.copyOf(diagnostics);
        migrations = List.copyOf(migrations);
        notes = List.copyOf(notes);
    }

    public long errors() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warnings() {
        return diagnostics.stream().filter(Diagnostic::isWarning).count();
    }

    public boolean ok() {
        return errors() == 0;
    }
}
