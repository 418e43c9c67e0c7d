package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** golang-migrate's force: declares the schema to be at {@code migrations.version} (-1 for none) and clears the dirty flag. */
@Mojo(name = "force", threadSafe = true)
public class ForceMojo extends AbstractMigrationsMojo {

    /** The version the database is at. */
    @Parameter(property = "migrations.version", required = true)
    Long version;

    @Override
    protected boolean changesDatabase() {
        return true;
    }

    @Override
    protected String goal() {
        return "force";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        RunResult r = migrations.force(version);
        report(config.service(), r);
        failOn(r.problems(), "refused");
    }
}
