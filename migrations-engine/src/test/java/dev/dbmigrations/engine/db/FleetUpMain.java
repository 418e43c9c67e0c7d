package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Fleet;
import dev.dbmigrations.engine.api.FleetResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.ServerLogins;

import java.nio.file.Path;
import java.util.Set;

/** A child JVM that runs up over a fleet, for the test that stops it with SIGTERM: args are the JDBC URL, the folder, the environment. */
public final class FleetUpMain {

    private FleetUpMain() {
    }

    public static void main(String[] args) {
        MigrationsListener out = new MigrationsListener() {
            @Override
            public void info(String message) {
                System.out.println(message);
            }

            @Override
            public void warn(String message) {
                System.out.println("WARN " + message);
            }
        };
        FleetResult r = new Fleet(MigrationsConfig.builder().url(args[0]).service("billing").dir(Path.of(args[1]))
                .environment(args[2]).listener(out).build(), ServerLogins.NONE, Set.of()).up(null, null);
        System.out.println(r.ok() ? "OK" : "NOT OK");
    }
}
