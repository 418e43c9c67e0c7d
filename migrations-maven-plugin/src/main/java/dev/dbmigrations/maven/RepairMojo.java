package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Accepts on purpose the current files of applied migrations whose checksums changed. */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractMigrationsMojo {

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "repair";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.repair();
        report(config.service(), r);
        failOn(r.problems(), "refused");
    }
}
