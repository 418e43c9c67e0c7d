package dev.dbmigrations.engine.api;

/**
 * Where the engine reports progress. The Maven plugin adapts it to the Mojo's log; tests collect it.
 * The engine never prints to stdout and has no static logger.
 */
public interface MigrationsListener {

    void info(String message);

    void warn(String message);

    default void debug(String message) {
    }

    /** This listener with its info lines demoted to debug: for work whose every step is detail. */
    default MigrationsListener quieter() {
        MigrationsListener loud = this;
        return new MigrationsListener() {
            @Override
            public void info(String message) {
                loud.debug(message);
            }

            @Override
            public void warn(String message) {
                loud.warn(message);
            }

            @Override
            public void debug(String message) {
                loud.debug(message);
            }
        };
    }

    /** A listener that drops everything. */
    MigrationsListener SILENT = new MigrationsListener() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
