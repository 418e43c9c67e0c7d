package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.Reports;
import dev.dbmigrations.engine.api.Durations;
import dev.dbmigrations.engine.api.HistoryResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Every recorded attempt on the service's schema, newest first: when, which environment, what ran,
 * its outcome, how long it took, who ran it and the error; with a summary of failures and the
 * slowest migrations. Reads only.
 */
@Mojo(name = "history", threadSafe = true)
public class HistoryMojo extends AbstractMigrationsMojo {

    /** Only attempts since then: a duration back from now (7d, 12h, 30min) or a date (2026-11-01, UTC). */
    @Parameter(property = "migrations.since")
    String since;

    /** Only attempts with this outcome: success or failed. */
    @Parameter(property = "migrations.outcome")
    String outcome;

    /** Only attempts on this migration version. */
    @Parameter(property = "migrations.version")
    Long version;

    /** Only attempts of this command: up, down, force, repair, baseline, seed, backup, restore. */
    @Parameter(property = "migrations.command")
    String command;

    /** At most this many attempts, newest first. */
    @Parameter(property = "migrations.limit", defaultValue = "100")
    int limit;

    /** {@code text} (an aligned table, in the log) or {@code json} (plain JSON on standard output). */
    @Parameter(property = "migrations.format", defaultValue = "text")
    String format;

    @Override
    protected String goal() {
        return "history";
    }

    @Override
    protected void run(Migrations migrations, MigrationsConfig config) throws MojoFailureException {
        checkFormat(format);
        HistoryResult r = migrations.history(new HistoryResult.Query(since(), outcome, version, command, limit));
        if (format.equals("json")) {
            printJson(Reports.historyJson(r));
        } else {
            Reports.historyText(r).forEach(getLog()::info);
        }
    }

    private Instant since() throws MojoFailureException {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(since.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (RuntimeException notADate) {
            try {
                return Instant.now().minus(Durations.parse("migrations.since", since));
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("migrations.since '" + since + "' is neither a duration nor a date"
                        + " (fix: write e.g. 7d, 12h, 30min or 2026-11-01)");
            }
        }
    }
}
