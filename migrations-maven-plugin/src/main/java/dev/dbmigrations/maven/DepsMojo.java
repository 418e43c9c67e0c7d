package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.DepsResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Problem;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The dependency graph of this service, or of every service when run at the aggregator: a tree in
 * the log, dependencies.mmd (Mermaid), dependencies.dot and dependencies.svg (a picture) in target/migrations. Fails on a cycle
 * or a missing target; warns about dependencies on services that are not in the run. No database.
 */
@Mojo(name = "deps", threadSafe = true)
public class DepsMojo extends AbstractMigrationsMojo {

    /** Where dependencies.mmd, dependencies.dot and dependencies.svg go. */
    @Parameter(property = "migrations.reportsDir", defaultValue = "${project.build.directory}/migrations")
    File reportsDir;

    @Override
    protected String goal() {
        return "deps";
    }

    @Override
    protected boolean reactorGoal() {
        return true;
    }

    @Override
    protected void runReactor(Reactor reactor) throws MojoExecutionException, MojoFailureException {
        report(reactor.deps());
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoExecutionException, MojoFailureException {
        report(new Reactor(List.of(config)).deps());
    }

    private void report(DepsResult r) throws MojoExecutionException, MojoFailureException {
        r.tree().forEach(getLog()::info);
        for (Problem w : r.warnings()) {
            getLog().warn(w.format());
        }
        try {
            Files.createDirectories(reportsDir.toPath());
            Files.writeString(reportsDir.toPath().resolve("dependencies.mmd"), r.mermaid(), StandardCharsets.UTF_8);
            Files.writeString(reportsDir.toPath().resolve("dependencies.dot"), r.dot(), StandardCharsets.UTF_8);
            Files.writeString(reportsDir.toPath().resolve("dependencies.svg"), r.svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the graphs to " + reportsDir + ": " + e.getMessage(), e);
        }
        getLog().info("Wrote " + reportsDir.toPath().resolve("dependencies.mmd") + " and dependencies.dot");
        failOn(r.errors(), "found errors in the dependencies");
    }

    @Override
    protected boolean usesTargetDatabase() {
        return false;
    }
}
