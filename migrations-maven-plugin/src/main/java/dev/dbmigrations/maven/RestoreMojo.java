package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Replaces the service schema with a dump written by migrations:backup, in one transaction; the old
 * schema is dropped only when the restore succeeded. Needs {@code -Dmigrations.confirm=<schema>}.
 */
@Mojo(name = "restore", threadSafe = true)
public class RestoreMojo extends AbstractMigrationsMojo {

    /** The dump to restore (written by migrations:backup). */
    @Parameter(property = "migrations.backupFile")
    File backupFile;

    /** The schema name, to confirm that it is to be replaced. */
    @Parameter(property = "migrations.confirm")
    String confirm;

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "restore";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.restore(backupFile == null ? null : backupFile.toPath(), confirm);
        report(config.service(), r);
        failOn(r.problems(), "failed");
    }
}
