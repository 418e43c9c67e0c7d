package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Risk;

/** The metadata half of a rule; subclasses add {@link Rule#check}. */
public abstract class BaseRule implements Rule {

    private final String id;
    private final Risk risk;
    private final String lock;
    private final String blocks;
    private final String why;
    private final String fix;

    protected BaseRule(String id, Risk risk, String lock, String blocks, String why, String fix) {
        this.id = id;
        this.risk = risk;
        this.lock = lock;
        this.blocks = blocks;
        this.why = why;
        this.fix = fix;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Risk risk() {
        return risk;
    }

    @Override
    public String lock() {
        return lock;
    }

    @Override
    public String blocks() {
        return blocks;
    }

    @Override
    public String why() {
        return why;
    }

    @Override
    public String fix() {
        return fix;
    }

    @Override
    public String toString() {
        return id;
    }
}
