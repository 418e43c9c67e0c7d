package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Creates the service schema and the tracking tables, adopting an existing golang-migrate table. */
@Mojo(name = "init", threadSafe = true)
public class InitMojo extends AbstractMigrationsMojo {

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "init";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.init();
        report(config.service(), r);
        failOn(r.problems(), "refused");
    }
}
