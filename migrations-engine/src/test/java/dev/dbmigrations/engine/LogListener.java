package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.MigrationsListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects what the engine reports, warnings prefixed with {@code WARN }, for tests to assert on. */
public final class LogListener implements MigrationsListener {

    private final List<String> lines;

    /** Appends to {@code lines} (made thread-safe by the caller if runs are concurrent). */
    public LogListener(List<String> lines) {
        this.lines = lines;
    }

    public static List<String> newLog() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }
}
