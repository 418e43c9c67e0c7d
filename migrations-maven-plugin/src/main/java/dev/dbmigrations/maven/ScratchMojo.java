package dev.dbmigrations.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The goals that replay migrations on a scratch database, never the target (verify, drift): where
 * the scratch database is, and where their JSON report goes. At an aggregator they run once for every
 * service. See docs/verify.md.
 */
abstract class ScratchMojo extends AbstractMigrationsMojo {

    /** An empty database the replay may use; default: a temporary database on the server of migrations.url. */
    @Parameter(property = "migrations.devUrl")
    String devUrl;

    /** Where the JSON report goes. */
    @Parameter(property = "migrations.reportsDir", defaultValue = "${project.build.directory}/migrations")
    File reportsDir;

    @Override
    protected boolean reactorGoal() {
        return true;
    }

    /** Writes {@code json} to {@code <reportsDir>/<name>} and returns the file. */
    Path writeReport(String name, String json) throws MojoExecutionException {
        Path file = reportsDir.toPath().resolve(name);
        try {
            Files.createDirectories(reportsDir.toPath());
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean usesTargetDatabase() {
        return false;
    }
}
