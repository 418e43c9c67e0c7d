package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SqlStatement;

import java.util.function.Function;

/**
 * The last statement's answer to one question (its ALTER TABLE actions, its columns, its lock): the
 * rules ask each statement the same questions one after another, some of them twenty times, so each
 * thread keeps the answer for the statement it asked about last. Answers are immutable.
 */
final class Memo<T> {

    private final Function<SqlStatement, T> compute;
    private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

    Memo(Function<SqlStatement, T> compute) {
        this.compute = compute;
    }

    @SuppressWarnings("unchecked")
    T of(SqlStatement st) {
        Object[] l = last.get();
        if (l[0] == st) {
            return (T) l[1];
        }
        T value = compute.apply(st);
        l[0] = st;
        l[1] = value;
        return value;
    }
}
