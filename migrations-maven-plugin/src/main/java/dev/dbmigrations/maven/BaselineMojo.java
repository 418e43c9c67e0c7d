package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Records every migration up to {@code migrations.version} as applied without running it, for a database that predates the tool. */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractMigrationsMojo {

    /** Migrations up to this version are recorded as applied. */
    @Parameter(property = "migrations.version", required = true)
    Long version;

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "baseline";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.baseline(version);
        report(config.service(), r);
        failOn(r.problems(), "refused");
    }
}
