package dev.dbmigrations.engine.api;

import java.util.List;

/**
 * What a command that changes the database did.
 *
 * @param command      the command name (up, down, goto, force, baseline, repair, init)
 * @param schema       the service schema
 * @param steps        migrations run, in order; a failed step is last
 * @param problems     why the command stopped, empty when it succeeded
 * @param notes        facts worth telling the user (adopted a golang-migrate table, nothing to do, ...)
 * @param versionAfter golang-migrate's version afterwards, -1 when none
 * @param dirtyAfter   golang-migrate's dirty flag afterwards
 * @param dryRunScript in a dry run, the plan and the SQL that would run; otherwise empty
 */
public record RunResult(String command, String schema, List<Step> steps, List<Problem> problems,
                        List<String> notes, long versionAfter, boolean dirtyAfter, String dryRunScript) {

    public RunResult {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** {@link #versionAfter} of a run refused before it read the database: the version is not known. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Whether the run read the schema's version (a run refused before it connected did not). */
    public boolean versionKnown() {
        return versionAfter != UNKNOWN;
    }
}
