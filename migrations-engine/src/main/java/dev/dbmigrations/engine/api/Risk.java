package dev.dbmigrations.engine.api;

import java.util.Locale;

/** How much a statement can hurt a live database under traffic. Ordered: each is worse than the one before. */
public enum Risk {
    /** Style or future trouble; nothing is blocked. */
    LOW,
    /** Blocks writes or reads briefly, or breaks something under some conditions. */
    MEDIUM,
    /** Holds a lock that blocks traffic for as long as the table is scanned or rewritten, or breaks running code. */
    HIGH,
    /** Loses data or takes the service down. */
    CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
