package dev.dbmigrations.engine.api;

/** Which way a migration step runs. */
public enum Direction {
    UP, DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
