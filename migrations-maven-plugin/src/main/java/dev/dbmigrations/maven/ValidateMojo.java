package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.Reports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Validates the migrations offline (no database): structure, dependencies.json, environments.json,
 * migrations.sum, SQL checks and PostgreSQL risk rules. Fails only on findings that the
 * environment's lint strictness makes errors. Writes validation.json and validation.sarif.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends AbstractMigrationsMojo {

    /** relaxed, standard or strict; default the environment's "lint" in environments.json. */
    @Parameter(property = "migrations.lint")
    String lint;

    /** Where the JSON and SARIF reports go. */
    @Parameter(property = "migrations.reportsDir", defaultValue = "${project.build.directory}/migrations")
    File reportsDir;

    @Override
    protected String goal() {
        return "validate";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoExecutionException, MojoFailureException {
        Strictness strictness;
        try {
            strictness = lint == null || lint.isBlank() ? null : Strictness.parse(lint);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("migrations.lint '" + lint + "' is unknown (fix: use relaxed, standard or strict)");
        }
        long t0 = System.nanoTime();
        ValidationResult r = migrations.validate(strictness);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (Reports.Finding line : Reports.validationFindings(r)) {
            if (line.error()) {
                getLog().error(line.text());
                getLog().error(line.fix());
            } else {
                getLog().warn(line.text());
                getLog().warn(line.fix());
            }
        }
        r.notes().forEach(getLog()::info);
        getLog().info("Risk of each migration (environment " + r.environment() + ", lint " + r.strictness().label() + "):");
        Reports.riskTable(r).forEach(getLog()::info);
        List<String> rules = Reports.ruleTable(r);
        if (!rules.isEmpty()) {
            getLog().info("Findings by rule:");
            rules.forEach(getLog()::info);
        }
        writeReports(r, config);
        getLog().info("Validated " + r.migrations().size() + " migrations in " + millis + " ms: " + r.errors()
                + " error(s), " + r.warnings() + " warning(s); reports in " + reportsDir);
        if (!r.ok()) {
            throw new MojoFailureException("migrations:validate found " + r.errors() + " error(s) in " + config.dir()
                    + " at lint strictness " + r.strictness().label() + "; see the lines above for each file, line and fix");
        }
    }

    private void writeReports(ValidationResult r, MigrationsConfig config) throws MojoExecutionException {
        try {
            Files.createDirectories(reportsDir.toPath());
            Files.writeString(reportsDir.toPath().resolve("validation.json"), Reports.validationJson(r), StandardCharsets.UTF_8);
            Files.writeString(reportsDir.toPath().resolve("validation.sarif"),
                    Reports.validationSarif(r, config.dir().getParent() == null ? config.dir() : config.dir().getParent()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the reports to " + reportsDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean usesTargetDatabase() {
        return false;
    }
}
