package dev.dbmigrations.engine.api;

/** How a migration file is executed. See docs/orchestrator.md. */
public enum RunMode {
    /** In one transaction with its bookkeeping: applied whole or not at all. */
    TRANSACTION,
    /** A file wrapped in BEGIN ... COMMIT: the wrapper is dropped and the body runs as {@link #TRANSACTION}. */
    WRAPPED,
    /**
     * Outside a transaction, statement by statement; the version is marked dirty first. Chosen by the
     * {@code -- migrations:no-transaction} directive or by a statement that cannot run in a transaction.
     */
    NO_TRANSACTION,
    /** The file opens and closes transactions itself; runs on one session like {@link #NO_TRANSACTION}. */
    SELF_MANAGED;

    public boolean marksDirty() {
        return this == NO_TRANSACTION || this == SELF_MANAGED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
