package dev.dbmigrations.engine.reliability;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;

import java.nio.file.Path;

/** A child JVM that runs up, for the kill -9 trials: args are the JDBC URL, the folder and, optionally, the service. */
public final class UpMain {

    private UpMain() {
    }

    public static void main(String[] args) {
        RunResult r = new Migrations(MigrationsConfig.builder().url(args[0]).service(args.length > 2 ? args[2] : "crash").dir(Path.of(args[1]))
                .build()).up(null, null);
        System.out.println(r.ok() ? "OK" : "PROBLEMS " + r.problems());
    }
}
