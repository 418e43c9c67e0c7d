package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.Reports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Lists every migration with its state, when it was applied, how long it ran, checksum mismatches and dirt. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractMigrationsMojo {

    /** {@code text} (an aligned table, in the log) or {@code json} (plain JSON on standard output, printed under -q too). */
    @Parameter(property = "migrations.format", defaultValue = "text")
    String format;

    /** Also write the status as JSON to this file. */
    @Parameter(property = "migrations.outputFile")
    File outputFile;

    @Override
    protected String goal() {
        return "status";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoExecutionException, MojoFailureException {
        checkFormat(format);
        StatusResult r = migrations.status();
        if (format.equals("json")) {
            printJson(Reports.statusJson(r));
        } else {
            Reports.statusText(r).forEach(getLog()::info);
        }
        if (outputFile != null) {
            try {
                Files.createDirectories(outputFile.toPath().toAbsolutePath().getParent());
                Files.writeString(outputFile.toPath(), Reports.statusJson(r), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("Cannot write " + outputFile + ": " + e.getMessage(), e);
            }
        }
        failOn(r.problems(), "found problems in the folder");
    }

    @Override
    protected boolean fleetGoal() {
        return true;
    }

    @Override
    protected void runFleet(dev.dbmigrations.engine.Fleet fleet, MigrationsConfig config) throws MojoFailureException {
        checkFormat(format);
        dev.dbmigrations.engine.api.FleetResult r = fleet.status();
        if (format.equals("json")) {
            printJson(Reports.fleetJson(r, config.service(), config.schema()));
        }
        finishFleet(r, config, format.equals("json") ? java.util.List.of() : dev.dbmigrations.engine.Fleet.statusText(r));
    }
}
