package dev.dbmigrations.maven;

import dev.dbmigrations.engine.api.MigrationsListener;
import org.apache.maven.plugin.logging.Log;

/** Forwards the engine's progress to the Mojo's log. */
final class MavenLogListener implements MigrationsListener {

    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
