package dev.dbmigrations.maven;

import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Step;
import org.apache.maven.plugin.logging.Log;

/** Logs a {@link RunResult}: dry-run script, notes and a one-line summary. */
final class RunResults {

    private RunResults() {
    }

    /** Logs every service's result and fails with all their problems. */
    static void logAll(AbstractMigrationsMojo mojo, dev.dbmigrations.engine.Reactor reactor,
                       java.util.List<RunResult> results, String what) throws org.apache.maven.plugin.MojoFailureException {
        java.util.List<dev.dbmigrations.engine.api.Problem> problems = new java.util.ArrayList<>();
        for (RunResult r : results) {
            mojo.report(reactor.serviceOfSchema(r.schema()), r);
            problems.addAll(r.problems());
        }
        mojo.failOn(problems, what);
    }

    static void log(Log log, RunResult r) {
        if (!r.dryRunScript().isEmpty()) {
            r.dryRunScript().lines().forEach(log::info);
        }
        r.notes().forEach(log::info);
        long ok = r.steps().stream().filter(Step::success).count();
        long ms = r.steps().stream().mapToLong(Step::millis).sum();
        if (!r.steps().isEmpty() && r.dryRunScript().isEmpty()) {
            log.info(String.format("%s: %d migration(s) %s in %d ms on schema %s", r.command(), ok,
                    r.command().equals("down") ? "rolled back" : "run", ms, r.schema()));
        }
        if (r.dryRunScript().isEmpty() && r.versionKnown()) {
            log.info("Schema " + r.schema() + " is at version " + (r.versionAfter() < 0 ? "none" : r.versionAfter())
                    + (r.dirtyAfter() ? " (DIRTY)" : ""));
        }
    }
}
