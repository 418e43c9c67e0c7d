package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the seed files of the environment ({@code seeds/*.sql}, then {@code seeds/<environment>/*.sql})
 * that are new or changed since they last ran, each in one transaction. Refuses while migrations are pending.
 */
@Mojo(name = "seed", threadSafe = true)
public class SeedMojo extends AbstractMigrationsMojo {

    /** Run every seed of the environment again, changed or not. */
    @Parameter(property = "migrations.reseed", defaultValue = "false")
    boolean reseed;

    /** List the seeds that would run and their SQL; change nothing. */
    @Parameter(property = "migrations.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "seed";
    }

    @Override
    protected MigrationsConfig.Builder configure(MigrationsConfig.Builder b) throws MojoExecutionException {
        return super.configure(b).dryRun(dryRun);
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.seed(reseed);
        report(config.service(), r);
        failOn(r.problems(), "stopped");
    }
}
