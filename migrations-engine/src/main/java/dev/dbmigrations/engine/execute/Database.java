package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.Secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections for a config; every error message is scrubbed of the password. */
public final class Database {

    private final MigrationsConfig config;

    public Database(MigrationsConfig config) {
        this.config = config;
    }

    public Connection connect(String purpose) {
        Properties props = new Properties();
        if (config.user() != null && !config.user().isBlank()) {
            props.setProperty("user", config.user());
        }
        if (config.password() != null && !config.password().isEmpty()) {
            props.setProperty("password", config.password());
        }
        props.setProperty("ApplicationName", "dbmigrations " + config.service() + " " + purpose);
        try {
            return DriverManager.getConnection(config.url(), props);
        } catch (SQLException e) {
            throw new MigrationsException("Cannot connect to " + config.maskedUrl()
                    + (config.user() != null ? " as " + config.user() : "") + ": "
                    + Secrets.scrub(e.getMessage(), config.password())
                    + " (fix: check migrations.url, migrations.user and the password or migrations.serverId,"
                    + " and that PostgreSQL is running)", null);
        }
    }

    public MigrationsException failure(String what, SQLException e) {
        return new MigrationsException(what + " on " + config.maskedUrl() + ": SQLSTATE " + e.getSQLState() + " "
                + Secrets.scrub(e.getMessage(), config.password()), null);
    }
}
