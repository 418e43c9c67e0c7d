package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Moves the schema to {@code migrations.version}: rolls back what is above it, applies what is pending up to it. */
@Mojo(name = "goto", threadSafe = true)
public class GotoMojo extends AbstractMigrationsMojo {

    /** The version to go to. */
    @Parameter(property = "migrations.version", required = true)
    Long version;

    /** Print the plan and the SQL; change nothing. */
    @Parameter(property = "migrations.dryRun", defaultValue = "false")
    boolean dryRun;

    /** With dryRun: also write the SQL the run would execute, bookkeeping marked, to this file for review. */
    @Parameter(property = "migrations.sqlFile")
    java.io.File sqlFile;

    @Override
    protected java.io.File sqlFile() {
        return dryRun ? sqlFile : null;
    }

    /** Apply pending migrations older than the newest applied one; default true in development, else false. */
    @Parameter(property = "migrations.outOfOrder")
    Boolean outOfOrder;

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "goto";
    }

    @Override
    protected MigrationsConfig.Builder configure(MigrationsConfig.Builder b) throws MojoExecutionException {
        return super.configure(b).dryRun(dryRun).outOfOrder(outOfOrder);
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.gotoVersion(version);
        report(config.service(), r);
        failOn(r.problems(), "stopped");
    }

    @Override
    protected boolean fleetGoal() {
        return true;
    }

    @Override
    protected void runFleet(dev.dbmigrations.engine.Fleet fleet, MigrationsConfig config) throws MojoFailureException {
        dev.dbmigrations.engine.api.FleetResult r = fleet.gotoVersion(version);
        finishFleet(r, config, dev.dbmigrations.engine.Fleet.summary(r));
    }
}
