package dev.dbmigrations.engine.api;

/** A migration's risk level: the highest risk among its findings that are not ignored (low when none). */
public record MigrationRisk(long version, String id, String environment, Risk risk, int findings, int ignored) {
}
