package dev.dbmigrations.maven;

import org.apache.maven.plugins.annotations.Mojo;

/** {@code migrations:create}, the name golang-migrate users type: the same as {@code migrations:generate}. */
@Mojo(name = "create", threadSafe = true)
public class CreateMojo extends GenerateMojo {
}
