package dev.dbmigrations.engine.reliability;

/**
 * Sizes of the reliability runs: short by default (the test suite, CI), full with
 * {@code bash reliability/run.sh}, which sets the system properties.
 */
final class Budget {

    private Budget() {
    }

    static int of(String name, int shortRun) {
        return Integer.getInteger("reliability." + name, shortRun);
    }
}
