package dev.dbmigrations.engine.api;

/**
 * One finding of {@code migrations:validate}: where and what ({@link Problem}), how risky (null
 * for checks of structure, which are always errors), what it does to the build, and whether the
 * file silences it with {@code -- migrations:ignore <id> <reason>}.
 */
public record Diagnostic(Problem problem, Risk risk, Level level, boolean ignored) {

    public boolean isError() {
        return level == Level.ERROR && !ignored;
    }

    public boolean isWarning() {
        return level == Level.WARNING && !ignored;
    }
}
