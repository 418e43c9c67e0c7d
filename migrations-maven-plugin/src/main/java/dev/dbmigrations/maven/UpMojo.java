package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies pending migrations: all of them, {@code migrations.count} of them, or up to {@code migrations.target}. */
@Mojo(name = "up", threadSafe = true)
public class UpMojo extends AbstractMigrationsMojo {

    /** Apply at most this many pending migrations. */
    @Parameter(property = "migrations.count")
    Integer count;

    /** Apply pending migrations up to and including this version. */
    @Parameter(property = "migrations.target")
    Long target;

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
        return "up";
    }

    @Override
    protected MigrationsConfig.Builder configure(MigrationsConfig.Builder b) throws MojoExecutionException {
        return super.configure(b).dryRun(dryRun).outOfOrder(outOfOrder);
    }

    @Override
    protected boolean reactorGoal() {
        return !dryRun && target == null;
    }

    @Override
    protected void runReactor(Reactor reactor) throws MojoFailureException {
        RunResults.logAll(this, reactor, reactor.up(count), "stopped");
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.up(count, target);
        report(config.service(), r);
        failOn(r.problems(), "stopped");
    }

    @Override
    protected boolean fleetGoal() {
        return true;
    }

    @Override
    protected void runFleet(dev.dbmigrations.engine.Fleet fleet, MigrationsConfig config) throws MojoFailureException {
        dev.dbmigrations.engine.api.FleetResult r = fleet.up(count, target);
        finishFleet(r, config, dev.dbmigrations.engine.Fleet.summary(r));
    }

    @Override
    protected void runReactorFleet(java.util.List<dev.dbmigrations.engine.Fleet> fleets, java.util.Set<String> asked,
                                   java.util.List<MigrationsConfig> configs) throws MojoFailureException {
        dev.dbmigrations.engine.api.FleetResult r = dev.dbmigrations.engine.Fleet.reactorUp(fleets, asked, count);
        finishFleet(r, "reactor", "reactor", dev.dbmigrations.engine.Fleet.summary(r));
    }
}
