package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Drops the service's schema with everything in it (Flyway's clean), to start a development database
 * over: only in the development environment, and only with {@code -Dmigrations.confirm=<schema>}.
 */
@Mojo(name = "clean", threadSafe = true)
public class CleanMojo extends AbstractMigrationsMojo {

    /** The schema name, to confirm that it is to be dropped. */
    @Parameter(property = "migrations.confirm")
    String confirm;

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "clean";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.clean(confirm);
        report(config.service(), r);
        failOn(r.problems(), "refused");
    }
}
