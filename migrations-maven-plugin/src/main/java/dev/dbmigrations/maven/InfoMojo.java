package dev.dbmigrations.maven;

import org.apache.maven.plugins.annotations.Mojo;

/** {@code migrations:info}, the name Flyway users type: the same as {@code migrations:status}. */
@Mojo(name = "info", threadSafe = true)
public class InfoMojo extends StatusMojo {
}
