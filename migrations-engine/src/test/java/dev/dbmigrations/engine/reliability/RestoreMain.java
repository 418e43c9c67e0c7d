package dev.dbmigrations.engine.reliability;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;

import java.nio.file.Path;

/** A child JVM that runs restore, for the kill -9 trials: args are the JDBC URL, the folder and the dump. */
public final class RestoreMain {

    private RestoreMain() {
    }

    public static void main(String[] args) {
        RunResult r = new Migrations(MigrationsConfig.builder().url(args[0]).service("user-service").dir(Path.of(args[1]))
                .build()).restore(Path.of(args[2]), "user_service");
        System.out.println(r.ok() ? "OK" : "PROBLEMS " + r.problems());
    }
}
