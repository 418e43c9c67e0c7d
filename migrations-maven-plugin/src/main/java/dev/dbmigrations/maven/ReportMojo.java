package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.Reports;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The migrations report of the project's site ({@code mvn site}, listed under Project Reports): per
 * service every migration with its state and risk, the durations from the history with a chart of
 * the slowest, the dependency graph drawn, and each migration's page; at an aggregator, every
 * service and the whole graph. Run alone ({@code mvn migrations:report}) it writes the same as
 * target/site/migrations.html. It only reads the database, and says so in the page when it cannot.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMigrationsMojo implements MavenReport {

    /** Read states and durations from the database (false: the report uses the files only). */
    @Parameter(property = "migrations.reportDatabase", defaultValue = "true")
    boolean reportDatabase;

    /** Where the standalone report goes when the goal runs alone (the site decides otherwise). */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true)
    File reportOutputDirectory;

    @Override
    protected String goal() {
        return "report";
    }

    @Override
    protected boolean reactorGoal() {
        return true;
    }

    @Override
    protected void runReactor(Reactor reactor) throws MojoExecutionException, MojoFailureException {
        write(reactor.siteReport(reportDatabase));
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoExecutionException, MojoFailureException {
        write(new Reactor(List.of(config)).siteReport(reportDatabase));
    }

    private void write(String body) throws MojoExecutionException {
        Path file = reportOutputDirectory.toPath().resolve(getOutputName() + ".html");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Reports.reportPage(getName(Locale.ROOT) + ": " + project.getArtifactId(), body),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        getLog().info("Wrote the migrations report to " + file);
    }

    // the site's side: MavenReport

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        List<MigrationsConfig> services;
        try {
            services = servicesOfThisProject();
        } catch (MojoExecutionException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
        sink.head();
        sink.title();
        sink.text(getName(locale));
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text(getName(locale) + (services.size() == 1 ? ": " + services.get(0).service() : ""));
        sink.sectionTitle1_();
        sink.rawText(services.isEmpty() ? "<p>No migrations folder in this project.</p>"
                : new Reactor(services).siteReport(reportDatabase));
        sink.section1_();
        sink.body_();
        sink.flush();
    }

    @Override
    public String getOutputName() {
        return "migrations";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "Database migrations";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Every migration with its state, risk and durations, the slowest as a chart, the dependency graph,"
                + " and each migration's page.";
    }

    @Override
    public void setReportOutputDirectory(File outputDirectory) {
        this.reportOutputDirectory = outputDirectory;
    }

    @Override
    public File getReportOutputDirectory() {
        return reportOutputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    @Override
    public boolean canGenerateReport() {
        try {
            return !servicesOfThisProject().isEmpty();
        } catch (MojoExecutionException e) {
            return false;
        }
    }

    @Override
    protected boolean usesTargetDatabase() {
        return false;
    }
}
