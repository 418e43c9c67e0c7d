package dev.dbmigrations.engine.api;

/** The state of one migration as {@code migrations:status} reports it. */
public enum MigrationState {
    /** In the folder, not applied. */
    PENDING,
    /** Pending, but older than the newest applied migration (typically merged from a branch). */
    OUT_OF_ORDER,
    /** Applied by this tool. */
    APPLIED,
    /** Recorded when a golang-migrate table was adopted. */
    ADOPTED,
    /** Recorded by {@code migrations:baseline}, never run by this tool. */
    BASELINE,
    /** Recorded by {@code migrations:force}, never run by this tool. */
    FORCED,
    /** golang-migrate's table marks this version dirty: a no-transaction migration failed half-way. */
    DIRTY,
    /** Applied, but its file is no longer in the folder. */
    MISSING_FILE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
