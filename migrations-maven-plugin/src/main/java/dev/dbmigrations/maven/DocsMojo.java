package dev.dbmigrations.maven;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.DocsResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the migrations folder's docs: {@code docs/<id>.md} per migration (purpose, how it runs, risk
 * and findings, dependencies, SQL) and {@code docs/README.md}; refreshes the folder README's list. No
 * database. With {@code -Dmigrations.check=true} it writes nothing and fails when a page is out of date.
 */
@Mojo(name = "docs", threadSafe = true)
public class DocsMojo extends AbstractMigrationsMojo {

    /** Write nothing; fail when a page is missing or out of date (for CI). */
    @Parameter(property = "migrations.check", defaultValue = "false")
    boolean check;

    @Override
    protected String goal() {
        return "docs";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        DocsResult r = migrations.docs(check);
        failOn(r.problems(), "cannot read the folder");
        Path base = config.dir();
        if (check) {
            List<Problem> stale = r.stale().stream().map(p -> Check.DOCS_STALE.at(p, 0, 0, base.relativize(p) + " is missing or out of date", "run mvn migrations:docs and commit the pages")).toList();
            failOn(stale, "found stale docs");
            getLog().info("Docs of " + config.service() + " are current");
            return;
        }
        r.written().forEach(p -> getLog().info("Updated " + base.relativize(p)));
        getLog().info(r.written().isEmpty() ? "Docs of " + config.service() + " were already current"
                : r.written().size() + " page(s) written in " + r.dir());
    }

    @Override
    protected boolean usesTargetDatabase() {
        return false;
    }
}
