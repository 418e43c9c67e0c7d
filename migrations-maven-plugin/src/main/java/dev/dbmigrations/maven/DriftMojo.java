package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.Reports;
import dev.dbmigrations.engine.api.DriftResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compares the live schema of the environment's database with the schema a replay of its applied
 * migrations gives on a scratch database: what was added, dropped or changed by hand. Read-only on the
 * target. See docs/verify.md ("Drift").
 */
@Mojo(name = "drift", threadSafe = true)
public class DriftMojo extends ScratchMojo {

    @Override
    protected String goal() {
        return "drift";
    }

    @Override
    protected void runReactor(Reactor reactor) throws MojoExecutionException, MojoFailureException {
        report(reactor.drift(devUrl));
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoExecutionException, MojoFailureException {
        report(migrations.drift(devUrl));
    }

    private void report(DriftResult r) throws MojoExecutionException, MojoFailureException {
        writeReport("drift.json", Reports.driftJson(r));
        for (DriftResult.Service s : r.services()) {
            getLog().info("Schema " + s.schema() + ": " + s.applied() + " applied migration(s) replayed on " + r.scratch()
                    + "; " + (s.added().isEmpty() && s.missing().isEmpty() ? "no drift"
                    : s.added().size() + " object(s) only in the database, " + s.missing().size() + " only in the migrations"));
            s.edited().forEach(id -> getLog().warn(id + " was edited after it was applied: the replay used the file as it is now"));
        }
        failOn(r.problems(), "found drift");
    }

    @Override
    protected boolean usesTargetDatabase() {
        return true;
    }
}
