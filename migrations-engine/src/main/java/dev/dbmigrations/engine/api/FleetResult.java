package dev.dbmigrations.engine.api;

import java.util.List;

/**
 * What a command over a fleet did (docs/fleet.md): one result per target, in the fleet's order.
 *
 * @param command     up, down, goto or status
 * @param environment the environment whose targets these are
 * @param targets     every target's outcome, those not started included
 * @param problems    why the fleet started nowhere (its targets could not be listed, the folder is broken); empty otherwise
 * @param millis      the wall time of the whole run
 */
public record FleetResult(String command, String environment, List<TargetResult> targets, List<Problem> problems,
                          long millis) {

    public FleetResult {
        targets = List.copyOf(targets);
        problems = List.copyOf(problems);
    }

    /** What became of one target. */
    public enum Outcome {
        /** migrations ran and all succeeded */
        CHANGED("changed"),
        /** nothing to do: already where the command would take it */
        UNCHANGED("unchanged"),
        /** refused or failed; its problems say why and how out */
        FAILED("failed"),
        /** never started: an earlier target failed and the fleet stops on failure */
        NOT_STARTED("not started");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One target's result.
     *
     * @param name         the target's name ({@code host:port/database}, then {@code /schema} in a fleet of schemas)
     * @param schema       the schema migrated there
     * @param wave         0 for the canary, then 1, 2, ...
     * @param outcome      what became of it
     * @param versionAfter golang-migrate's version afterwards, -1 none, {@link RunResult#UNKNOWN} when not read
     * @param dirtyAfter   golang-migrate's dirty flag afterwards
     * @param steps        how many migrations ran (the failed one included)
     * @param millis       how long its run took
     * @param problems     why it failed, with the fix
     * @param notes        what the run told (resumed, adopted, ...)
     */
    public record TargetResult(String name, String schema, int wave, Outcome outcome, long versionAfter,
                               boolean dirtyAfter, int steps, long millis, List<Problem> problems, List<String> notes) {

        public TargetResult {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        public boolean ok() {
            return outcome == Outcome.CHANGED || outcome == Outcome.UNCHANGED;
        }
    }

    /** Whether the fleet started and every target ended well. */
    public boolean ok() {
        return problems.isEmpty() && targets.stream().allMatch(TargetResult::ok);
    }

    public long count(Outcome outcome) {
        return targets.stream().filter(t -> t.outcome() == outcome).count();
    }
}
