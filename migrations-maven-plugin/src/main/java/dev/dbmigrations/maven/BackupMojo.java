package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/** Dumps the service schema with pg_dump (custom format) into {@code migrations.backupFile} or a new file in the backup folder. */
@Mojo(name = "backup", threadSafe = true)
public class BackupMojo extends AbstractMigrationsMojo {

    /** The dump to write; default {@code <backupDir>/<schema>-<time>-manual.dump}. */
    @Parameter(property = "migrations.backupFile")
    File backupFile;

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "backup";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.backup(backupFile == null ? null : backupFile.toPath());
        report(config.service(), r);
        failOn(r.problems(), "failed");
    }
}
