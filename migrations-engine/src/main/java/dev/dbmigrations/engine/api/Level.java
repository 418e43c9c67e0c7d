package dev.dbmigrations.engine.api;

import java.util.Locale;

/** What a finding does to the build: an error fails it, a warning is printed, off is dropped. */
public enum Level {
    OFF, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
