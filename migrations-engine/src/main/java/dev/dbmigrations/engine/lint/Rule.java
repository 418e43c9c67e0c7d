package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.sql.SqlStatement;

/**
 * A PostgreSQL risk rule: one class per rule, a stable id, the lock the statement takes and what
 * that lock blocks, why it is risky and how to do it safely. The doc page is docs/lint/&lt;id&gt;.md.
 */
public interface Rule {

    /** Stable kebab-case id, used in {@code -- migrations:ignore} and in reports. */
    String id();

    /** The risk of a typical occurrence. */
    Risk risk();

    /** The lock the statement takes, e.g. "ACCESS EXCLUSIVE on the table", or "none". */
    String lock();

    /** What that lock blocks while it is held. */
    String blocks();

    /** One sentence: why it is risky. */
    String why();

    /** What to do instead, with example SQL. */
    String fix();

    /**
     * The PostgreSQL versions for which the lock, the rewrite or the failure the rule describes holds,
     * as PostgreSQL's documentation (ALTER TABLE, "Explicit Locking") states them for each.
     */
    default String versions() {
        return "PostgreSQL 12 to 17, the versions the plugin supports";
    }

    /** Looks at one statement in its context and reports through {@code ctx}. */
    void check(SqlStatement statement, LintContext ctx);
}
