package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes migrations.sum: every migration file's checksum and one over all of them, which
 * {@code migrations:validate} checks. Run it after adding a migration by hand.
 */
@Mojo(name = "hash", threadSafe = true)
public class HashMojo extends AbstractMigrationsMojo {

    @Override
    protected String goal() {
        return "hash";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        failOn(migrations.hash(), "cannot read the folder");
    }

    @Override
    protected boolean usesTargetDatabase() {
        return false;
    }
}
