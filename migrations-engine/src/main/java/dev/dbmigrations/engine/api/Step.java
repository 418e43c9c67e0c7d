package dev.dbmigrations.engine.api;

/** One migration that ran (or, in a dry run, would run), with how long it took. */
public record Step(long version, String id, Direction direction, RunMode mode, boolean success, long millis) {
}
