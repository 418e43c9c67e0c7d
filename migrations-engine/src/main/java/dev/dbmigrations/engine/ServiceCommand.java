package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.execute.Database;
import dev.dbmigrations.engine.execute.Tracking;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.plan.ServicePlan;
import dev.dbmigrations.engine.source.MigrationSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What the commands of one service share: its run context, by the names they use. */
abstract class ServiceCommand {

    final Service service;
    final MigrationsConfig config;
    final MigrationsListener listener;
    final Database database;
    final Tracking tracking;

    ServiceCommand(Service service) {
        this.service = service;
        this.config = service.config;
        this.listener = service.listener;
        this.database = service.database;
        this.tracking = service.tracking;
    }

    MigrationSet read(String command) {
        return service.read(command);
    }

    List<Problem> readSettings(MigrationSet set) {
        return service.readSettings(set);
    }

    RunResult refused(String command, List<Problem> problems) {
        return service.refused(command, problems);
    }

    RunResult finish(String command, List<Step> steps, List<Problem> problems, List<String> notes, Connection work)
            throws SQLException {
        return service.finish(command, steps, problems, notes, work);
    }

    ServicePlan servicePlan(MigrationSet set, DatabaseState state) {
        return service.plan(set, state);
    }

    static int serverMajor(Connection c) throws SQLException {
        return Service.major(c);
    }

    /** Reads the folder, takes the schema lock, prepares the tables, then runs {@code action}. */
    RunResult locked(String command, Sessions.Action action) {
        return Sessions.runLocked(service, command, action);
    }
}
