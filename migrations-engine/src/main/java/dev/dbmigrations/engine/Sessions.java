package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.Database;
import dev.dbmigrations.engine.execute.SchemaLock;
import dev.dbmigrations.engine.plan.DatabaseState;
import dev.dbmigrations.engine.source.MigrationSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sessions of a run that changes the database, for one service or several: each service's folder
 * and policy files are read first (a refusal there uses no connection); then each gets a connection of
 * its own that takes its schema lock (in schema name order, so that two runs never deadlock) and runs
 * its statements: a killed run keeps its lock until its statement has ended. Each session and its
 * tracking tables are then prepared. Closing releases the locks and the connections.
 */
final class Sessions implements AutoCloseable {

    /** One service of the run: its folder, its connection, and what preparing found. */
    record Open(Service service, MigrationSet set, Connection work, Service.Prepared prepared) {
        DatabaseState state() {
            return prepared.state();
        }
    }

    /** The sessions, or why the run stops before it starts: a result per service that refused. */
    record Outcome(Sessions sessions, List<RunResult> refused) {
    }

    /** What a single-service command does once its session is ready. */
    @FunctionalInterface
    interface Action {
        RunResult run(Connection work, MigrationSet set, DatabaseState state, List<String> notes) throws SQLException;
    }

    private final List<Open> open = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<SchemaLock> locks = new ArrayList<>();
    private long lockWaitMillis;

    private Sessions() {
    }

    List<Open> services() {
        return open;
    }

    /** How long the run waited for its schema locks, all of them. */
    long lockWaitMillis() {
        return lockWaitMillis;
    }

    static Outcome open(List<Service> services, String command, Duration lockTimeout) {
        List<MigrationSet> sets = new ArrayList<>();
        List<RunResult> refused = new ArrayList<>();
        Connection first;
        try (Database.Pending pending = services.get(0).database.connectInBackground(command)) {
            for (Service s : services) {
                MigrationSet set = s.read(command);
                sets.add(set);
                List<Problem> broken = refusals(s, set);
                if (!broken.isEmpty()) {
                    refused.add(s.refused(command, broken));
                }
            }
            if (!refused.isEmpty()) {
                return new Outcome(null, refused);
            }
            first = pending.take();
        }
        Sessions sessions = new Sessions();
        sessions.connections.add(first);
        try {
            for (Service s : services.subList(1, services.size())) {
                sessions.connections.add(s.database.connect(command));
            }
            List<Integer> bySchema = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                bySchema.add(i);
            }
            bySchema.sort(Comparator.comparing(i -> services.get(i).schema()));
            long waitStart = System.nanoTime();
            for (int i : bySchema) {
                SchemaLock lock = new SchemaLock(sessions.connections.get(i), services.get(i).schema());
                lock.acquire(lockTimeout, services.get(0).listener);
                sessions.locks.add(lock);
            }
            sessions.lockWaitMillis = (System.nanoTime() - waitStart) / 1_000_000;
            for (int i = 0; i < services.size(); i++) {
                Service s = services.get(i);
                Service.Prepared p = s.prepare(sessions.connections.get(i), sets.get(i));
                if (!p.problems().isEmpty()) {
                    refused.add(new RunResult(command, s.schema(), List.of(), p.problems(), p.notes(), RunResult.UNKNOWN, false, ""));
                }
                sessions.open.add(new Open(s, sets.get(i), sessions.connections.get(i), p));
            }
        } catch (SQLException e) {
            sessions.close();
            throw failure(services, command, e);
        } catch (RuntimeException e) {
            sessions.close();
            throw e;
        }
        if (!refused.isEmpty()) {
            sessions.close();
            return new Outcome(null, refused);
        }
        return new Outcome(sessions, List.of());
    }

    /**
     * Why a run that changes the database refuses {@code set} before it connects: the folder, its
     * policy files, and the variables the policy reads; empty when none.
     */
    static List<Problem> refusals(Service s, MigrationSet set) {
        List<Problem> broken = set.ok() ? s.readSettings(set) : set.problems();
        if (broken.isEmpty()) {
            broken = RunMonitor.unresolved(s.settings().policy(s.config.environment()),
                    s.config.dir().resolve(dev.dbmigrations.engine.source.Environments.FILE));
        }
        return broken;
    }

    /** Reads the folder, takes the schema lock, prepares the tables, then runs {@code action} for one service. */
    static RunResult runLocked(Service service, String command, Action action) {
        Outcome o = open(List.of(service), command, service.config.lockTimeout());
        if (o.sessions() == null) {
            return o.refused().get(0);
        }
        try (Sessions s = o.sessions()) {
            Open x = s.open.get(0);
            return action.run(x.work(), x.set(), x.state(), new ArrayList<>(x.prepared().notes()));
        } catch (SQLException e) {
            throw failure(List.of(service), command, e);
        }
    }

    /** A failure of the environment during {@code command}, naming the schemas and the server, scrubbed. */
    static RuntimeException failure(List<Service> services, String command, SQLException e) {
        String schemas = String.join(", ", services.stream().map(Service::schema).toList());
        return services.get(0).failure(command + " on schema " + schemas, e);
    }

    @Override
    public void close() {
        for (int i = locks.size() - 1; i >= 0; i--) {
            locks.get(i).close();
        }
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing: the session ends with the connection
            }
        }
    }
}
