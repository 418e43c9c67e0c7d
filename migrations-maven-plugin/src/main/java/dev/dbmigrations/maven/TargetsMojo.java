package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Fleet;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reports;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.FleetTarget;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Lists the targets a run of the environment would reach (environments.json {@code targets}): each
 * target's name, URL (password masked), schema and wave. Runs the discovery query; changes nothing.
 */
@Mojo(name = "targets", threadSafe = true)
public class TargetsMojo extends AbstractMigrationsMojo {

    /** {@code text} (a table in the log) or {@code json} (plain JSON on standard output, printed under -q too). */
    @Parameter(property = "migrations.format", defaultValue = "text")
    String format;

    @Override
    protected String goal() {
        return "targets";
    }

    @Override
    protected boolean fleetGoal() {
        return true;
    }

    @Override
    protected void runFleet(Fleet fleet, MigrationsConfig config) throws MojoFailureException {
        checkFormat(format);
        dev.dbmigrations.engine.api.FleetTargets found = fleet.targets();
        failOn(found.problems(), "cannot list the targets");
        List<FleetTarget> targets = found.targets();
        List<Integer> waves = fleet.waves(targets.size());
        if (format.equals("json")) {
            printJson(Reports.targetsJson(targets, waves));
            return;
        }
        getLog().info("Environment " + config.environment() + " reaches " + targets.size() + " target(s):");
        int width = Math.max(6, targets.stream().mapToInt(t -> t.name().length()).max().orElse(6));
        getLog().info(String.format(java.util.Locale.ROOT, "  %-" + width + "s  %-6s  %-20s  %s", "TARGET", "WAVE", "SCHEMA", "URL"));
        for (int i = 0; i < targets.size(); i++) {
            FleetTarget t = targets.get(i);
            getLog().info(String.format(java.util.Locale.ROOT, "  %-" + width + "s  %-6s  %-20s  %s", t.name(),
                    waves.get(i) == 0 ? "canary" : String.valueOf(waves.get(i)), t.schema(), t.maskedUrl()));
        }
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoExecutionException {
        getLog().info("Environment " + config.environment() + " defines no targets: a run reaches "
                + config.maskedUrl() + ", schema " + config.schema() + " (docs/fleet.md)");
    }
}
