package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.Reports;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.VerifyResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Replays every migration on a scratch database, never the target, and proves it: the up applies, the
 * down applies and gives back the catalog of before the up, the up applies again to the same catalog.
 * Bind it to {@code verify} next to {@code validate} where CI has a PostgreSQL server. See docs/verify.md.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends ScratchMojo {

    /** {@code full} (up, down, catalog, up again, lock trace) or {@code syntax} (every up once: exact syntax and names, fast). */
    @Parameter(property = "migrations.verify", defaultValue = "full")
    String mode;

    @Override
    protected String goal() {
        return "verify";
    }

    private boolean syntaxOnly() throws MojoFailureException {
        if (!mode.equals("full") && !mode.equals("syntax")) {
            throw new MojoFailureException("migrations.verify '" + mode + "' is unknown (fix: use full or syntax)");
        }
        return mode.equals("syntax");
    }

    @Override
    protected void runReactor(Reactor reactor) throws MojoExecutionException, MojoFailureException {
        report(syntaxOnly() ? reactor.verifySyntax(devUrl) : reactor.verify(devUrl));
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoExecutionException, MojoFailureException {
        report(syntaxOnly() ? migrations.verifySyntax(devUrl) : migrations.verify(devUrl));
    }

    private void report(VerifyResult r) throws MojoExecutionException, MojoFailureException {
        for (Problem w : r.warnings()) {
            getLog().warn(w.format());
        }
        java.nio.file.Path file = writeReport("verify.json", Reports.verifyJson(r));
        java.nio.file.Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath()
                : java.nio.file.Path.of(".");
        writeReport("verify.sarif", Reports.verifySarif(r, base));
        long proven = r.migrations().stream().filter(m -> Boolean.TRUE.equals(m.upAgain()) && Boolean.TRUE.equals(m.restored()))
                .count();
        getLog().info("Verified " + r.migrations().size() + " migration(s) on " + r.scratch() + ": " + proven
                + " with a proven rollback, " + r.warnings().size() + " warning(s), " + r.problems().size()
                + " problem(s); report in " + file);
        failOn(r.problems(), "found migrations that do not replay");
    }
}
