package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Rolls back the newest migration, {@code migrations.count} of them, or all above {@code migrations.target}. */
@Mojo(name = "down", threadSafe = true)
public class DownMojo extends AbstractMigrationsMojo {

    /** Roll back this many migrations (default 1), or {@code all} of them. */
    @Parameter(property = "migrations.count")
    String count;

    /** Roll back every migration above this version; the target itself stays applied. */
    @Parameter(property = "migrations.target")
    Long target;

    /** Also roll back the applied migrations (of any service of the reactor) that require the ones rolled back. */
    @Parameter(property = "migrations.cascade", defaultValue = "false")
    boolean cascade;

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

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "down";
    }

    @Override
    protected MigrationsConfig.Builder configure(MigrationsConfig.Builder b) throws MojoExecutionException {
        return super.configure(b).dryRun(dryRun).cascade(cascade);
    }

    @Override
    protected boolean reactorGoal() {
        return !dryRun && target == null;
    }

    @Override
    protected void runReactor(Reactor reactor) throws MojoFailureException {
        RunResults.logAll(this, reactor, reactor.down(count()), "stopped");
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.down(count(), target);
        report(config.service(), r);
        failOn(r.problems(), "stopped");
    }

    /** {@code migrations.count}: a number, or {@code all} (every applied migration, as golang-migrate's {@code down -all}). */
    private Integer count() throws MojoFailureException {
        if (count == null || count.isBlank()) {
            return null;
        }
        if (count.strip().equalsIgnoreCase("all")) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            throw new MojoFailureException("migrations.count must be a number or all, got '" + count
                    + "' (fix: -Dmigrations.count=2, or -Dmigrations.count=all to roll everything back)");
        }
    }

    @Override
    protected boolean fleetGoal() {
        return true;
    }

    @Override
    protected void runFleet(dev.dbmigrations.engine.Fleet fleet, MigrationsConfig config) throws MojoFailureException {
        dev.dbmigrations.engine.api.FleetResult r = fleet.down(count(), target);
        finishFleet(r, config, dev.dbmigrations.engine.Fleet.summary(r));
    }

    @Override
    protected void runReactorFleet(java.util.List<dev.dbmigrations.engine.Fleet> fleets, java.util.Set<String> asked,
                                   java.util.List<MigrationsConfig> configs) throws MojoFailureException {
        dev.dbmigrations.engine.api.FleetResult r = dev.dbmigrations.engine.Fleet.reactorDown(fleets, asked, count());
        finishFleet(r, "reactor", "reactor", dev.dbmigrations.engine.Fleet.summary(r));
    }
}
