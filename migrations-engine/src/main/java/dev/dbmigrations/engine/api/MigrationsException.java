package dev.dbmigrations.engine.api;

/**
 * Thrown when the environment fails: no connection, a lock that could not be had in time, a broken
 * tracking table. User errors (bad files, failed migrations, a dirty database) are returned as
 * {@link Problem}s in a result instead. Messages never contain a password.
 */
public class MigrationsException extends RuntimeException {

    public MigrationsException(String message) {
        super(message);
    }

    public MigrationsException(String message, Throwable cause) {
        super(message, cause);
    }
}
