package dev.dbmigrations.engine.sql;

import java.util.List;

/**
 * What a statement means for how it must be run: does it control the transaction, can it run inside
 * a transaction block at all.
 */
public final class StatementKind {

    private StatementKind() {
    }

    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK (not ROLLBACK TO SAVEPOINT), ABORT. */
    public static boolean isTransactionControl(SqlStatement st) {
        return isBegin(st) || isCommit(st) || isRollback(st);
    }

    public static boolean isBegin(SqlStatement st) {
        String w0 = st.word(0);
        return (w0.equals("begin") && !st.word(1).equals("atomic"))
                || (w0.equals("start") && st.word(1).equals("transaction"));
    }

    public static boolean isCommit(SqlStatement st) {
        String w0 = st.word(0);
        return (w0.equals("commit") && !st.word(1).equals("prepared")) || w0.equals("end");
    }

    public static boolean isRollback(SqlStatement st) {
        String w0 = st.word(0);
        if (w0.equals("abort")) {
            return true;
        }
        if (!w0.equals("rollback") || st.word(1).equals("prepared")) {
            return false;
        }
        // ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] x stays inside the transaction
        for (Token t : st.tokens()) {
            if (t.isWord("to")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Statements PostgreSQL refuses inside a transaction block: {@code CREATE/DROP INDEX CONCURRENTLY},
     * {@code REINDEX ... CONCURRENTLY}, {@code VACUUM}, {@code CREATE/DROP DATABASE},
     * {@code CREATE/DROP TABLESPACE}, {@code ALTER SYSTEM}, {@code ALTER TABLE ... DETACH PARTITION ...
     * CONCURRENTLY}, and, before PostgreSQL 12, {@code ALTER TYPE ... ADD VALUE}.
     *
     * @param serverMajor the server's major version (e.g. 15); 0 when unknown (treated as current)
     */
    public static boolean cannotRunInTransaction(SqlStatement st, int serverMajor) {
        String w0 = st.word(0);
        String w1 = st.word(1);
        switch (w0) {
            case "vacuum":
                return true;
            case "reindex":
                return hasWordAtTopLevel(st.tokens(), "concurrently");
            case "create": {
                if (w1.equals("database") || w1.equals("tablespace")) {
                    return true;
                }
                int i = 1;
                if (st.word(i).equals("unique")) {
                    i++;
                }
                return st.word(i).equals("index") && st.word(i + 1).equals("concurrently");
            }
            case "drop":
                return w1.equals("database") || w1.equals("tablespace")
                        || (w1.equals("index") && st.word(2).equals("concurrently"));
            case "alter":
                if (w1.equals("system")) {
                    return true;
                }
                if (w1.equals("type") && serverMajor > 0 && serverMajor < 12) {
                    return isAlterTypeAddValue(st);
                }
                if (w1.equals("table")) {
                    return hasWordAtTopLevel(st.tokens(), "detach") && hasWordAtTopLevel(st.tokens(), "concurrently");
                }
                return false;
            default:
                return false;
        }
    }

    /** {@code SET ...} and {@code RESET ...}: settings for the statements after them, not changes of their own. */
    public static boolean isSessionSetting(SqlStatement st) {
        String w0 = st.word(0);
        return w0.equals("set") || w0.equals("reset");
    }

    /** {@code ALTER TYPE name ADD VALUE ...}. */
    public static boolean isAlterTypeAddValue(SqlStatement st) {
        if (!st.word(0).equals("alter") || !st.word(1).equals("type")) {
            return false;
        }
        List<Token> t = st.tokens();
        for (int i = 2; i + 1 < t.size(); i++) {
            if (t.get(i).isWord("add") && t.get(i + 1).isWord("value")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWordAtTopLevel(List<Token> tokens, String word) {
        for (Token t : tokens) {
            if (t.isWord(word)) {
                return true;
            }
        }
        return false;
    }
}
