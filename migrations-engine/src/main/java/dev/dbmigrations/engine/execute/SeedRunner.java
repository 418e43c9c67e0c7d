package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.Seeds;
import dev.dbmigrations.engine.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs seed files on the work connection: each new or changed one (every one with {@code reseed}) in
 * one transaction together with its row in {@code migrations_seeds}, in order, stopping at the first
 * failure. A seed that cannot run in a transaction is refused before any seed runs.
 */
public final class SeedRunner {

    /** What a seed run did: notes for the user, and why it stopped (empty when it did not). */
    public record Outcome(List<String> notes, List<Problem> problems) {
    }

    private final Connection c;
    private final Tracking tracking;
    private final int serverMajor;
    private final String password;
    private final MigrationsListener listener;

    public SeedRunner(Connection c, Tracking tracking, int serverMajor, String password, MigrationsListener listener) {
        this.c = c;
        this.tracking = tracking;
        this.serverMajor = serverMajor;
        this.password = password;
        this.listener = listener;
    }

    /** The seeds that would run: new ones, changed ones, or all of them with {@code reseed}. */
    public List<Seeds.Seed> due(List<Seeds.Seed> seeds, boolean reseed) throws SQLException {
        Map<String, String> ran = tracking.seedChecksums(c);
        return seeds.stream().filter(s -> reseed || !s.script().checksum().equals(ran.get(s.name()))).toList();
    }

    public Outcome run(List<Seeds.Seed> seeds, boolean reseed) throws SQLException {
        List<Seeds.Seed> due = due(seeds, reseed);
        List<String> notes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<RunModes.Resolved> resolved = new ArrayList<>();
        for (Seeds.Seed s : due) {
            RunModes.Resolved r = RunModes.resolve(s.script(), serverMajor);
            if (r.mode() != RunMode.TRANSACTION && r.mode() != RunMode.WRAPPED) {
                problems.add(Check.SEED_TRANSACTION.at(s.script().path(), 0, 0, s.name() + " cannot run in one transaction (" + r.mode().label() + ")",
                        "a seed runs in one transaction: remove the no-transaction directive and the statements that"
                                + " control or cannot run in a transaction, or make it a migration"));
            }
            resolved.add(r);
        }
        if (!problems.isEmpty()) {
            return new Outcome(notes, problems);
        }
        int index = 0;
        for (Seeds.Seed s : due) {
            RunModes.Resolved r = resolved.get(index++);
            long t0 = System.nanoTime();
            SqlStatement current = null;
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setEscapeProcessing(false);
                for (SqlStatement statement : r.statements()) {
                    current = statement;
                    st.execute(statement.text());
                }
                current = null;
                long millis = (System.nanoTime() - t0) / 1_000_000;
                tracking.recordSeed(c, s.name(), s.script().checksum(), millis);
                c.commit();
                listener.info("[" + index + "/" + due.size() + "] " + s.name() + " seeded in " + millis + " ms");
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is failing; the transaction is gone with it
                }
                StatementFailure f = StatementFailure.of(current, e, password);
                problems.add(Check.SEED_FAILED.at(s.script().path(), f.line(), f.column(), s.name() + " failed: " + f.message(),
                        "fix the seed and run migrations:seed again; nothing of " + s.name() + " was kept, and the"
                                + " seeds before it stay seeded"));
                return new Outcome(notes, problems);
            } finally {
                c.setAutoCommit(true);
            }
        }
        int unchanged = seeds.size() - due.size();
        notes.add(seeds.isEmpty() ? "No seed files for this environment in seeds/"
                : due.isEmpty() ? "Nothing to seed: " + seeds.size() + " seed(s), none new or changed"
                : "Seeded " + due.size() + " file(s)" + (unchanged > 0 ? "; " + unchanged + " unchanged skipped" : ""));
        return new Outcome(notes, problems);
    }
}
