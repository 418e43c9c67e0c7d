package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.GenerateRequest;
import dev.dbmigrations.engine.api.GenerateResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a new migration pair from a template:
 * {@code mvn migrations:generate -Dmigrations.name=add_user_profiles -Dmigrations.type=table}.
 * Picks the next version, never overwrites, updates migrations.sum, dependencies.json and the folder's README.md.
 */
@Mojo(name = "generate", threadSafe = true)
public class GenerateMojo extends AbstractMigrationsMojo {

    /** The migration name, lower snake case: add_user_profiles ({@code -Dname=} is read too). */
    @Parameter(property = "migrations.name")
    String name;

    /**
     * The template: table, index, column, constraint, foreign-key, data, function, view, enum, trigger, seed,
     * blank, or one of migrations/templates/ ({@code -Dtype=} is read too).
     */
    @Parameter(property = "migrations.type", defaultValue = "blank")
    String type;

    /** The table, when the name does not tell it. */
    @Parameter(property = "table")
    String table;

    /** The column, when the name does not tell it (add_nickname_to_users does). */
    @Parameter(property = "column")
    String column;

    /** The referenced table of a foreign-key migration; default told from the column (account_id: accounts). */
    @Parameter(property = "references")
    String references;

    /** The enum value of an enum migration, when the name does not tell it. */
    @Parameter(property = "value")
    String value;

    /** An environment (one environments.json defines, or development, staging or production): write into its subfolder. */
    @Parameter(property = "migrations.only")
    String only;

    /** sequential or timestamp, for a folder without migrations; default the folder's own format. */
    @Parameter(property = "migrations.versionFormat")
    String versionFormat;

    /** The author in the header; default git's user.name, else the system user. */
    @Parameter(property = "migrations.author")
    String author;

    @Override
    protected String goal() {
        return "generate";
    }

    @Override
    protected boolean needsFolder() {
        return false;
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("table", table);
        vars.put("column", column);
        vars.put("references", references);
        vars.put("value", value);
        vars.values().removeIf(v -> v == null);
        // -Dname and -Dtype, the names of the first releases, still work when the prefixed ones are not given
        java.util.Properties given = session != null ? session.getUserProperties() : new java.util.Properties();
        String n = name != null ? name : given.getProperty("name");
        String t = given.getProperty("migrations.type") == null && given.getProperty("type") != null
                ? given.getProperty("type") : type;
        GenerateResult r = migrations.generate(new GenerateRequest(n, t, only, versionFormat, author, vars));
        failOn(r.problems(), "wrote nothing");
        for (Path p : r.written()) {
            getLog().info("Wrote   " + p);
        }
        for (Path p : r.updated()) {
            getLog().info("Updated " + p);
        }
        r.notes().forEach(getLog()::info);
    }

    @Override
    protected boolean usesTargetDatabase() {
        return false;
    }
}
