package dev.dbmigrations.engine.api;

import java.util.Map;

/**
 * What {@code migrations:generate} is asked for.
 *
 * @param name          the migration name, lower snake case (add_user_profiles)
 * @param type          a packaged type (table, index, ...) or one of the service's templates/ folder
 * @param only          null, or an environment with a subfolder (see MigrationReader#environmentFolders): write into it
 * @param versionFormat null (the folder's own format), "sequential" or "timestamp"
 * @param author        null for git's user.name, else the system user
 * @param variables     explicit values for table, column, references, value, object (override derived ones)
 */
public record GenerateRequest(String name, String type, String only, String versionFormat, String author,
                              Map<String, String> variables) {

    public GenerateRequest {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
