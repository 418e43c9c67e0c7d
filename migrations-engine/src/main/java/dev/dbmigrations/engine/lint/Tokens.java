package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.Token;
import dev.dbmigrations.engine.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small helpers over a statement's tokens: matching words, reading names, splitting on commas. */
public final class Tokens {

    private final List<Token> t;

    public Tokens(List<Token> tokens) {
        this.t = tokens;
    }

    public int size() {
        return t.size();
    }

    public Token get(int i) {
        return t.get(i);
    }

    public List<Token> list() {
        return t;
    }

    /** Lower-cased word at i, or "" when it is not a word or out of range. */
    public String word(int i) {
        if (i < 0 || i >= t.size()) {
            return "";
        }
        String w = t.get(i).word();
        return w == null ? "" : w;
    }

    /** The words at {@code from} match {@code words} in order. */
    public boolean at(int from, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!word(from + k).equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first occurrence of the word sequence at or after {@code from}, at parenthesis depth 0, or -1. */
    public int find(int from, String... words) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.isPunct('(')) {
                depth++;
            } else if (tok.isPunct(')')) {
                depth--;
            } else if (depth == 0 && at(i, words)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the word sequence anywhere (any depth), or -1. */
    public int findAnyDepth(int from, String... words) {
        for (int i = from; i < t.size(); i++) {
            if (at(i, words)) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(String... words) {
        return find(0, words) >= 0;
    }

    /** Skips {@code if exists} / {@code if not exists} at i; returns the index after it. */
    public int skipIfExists(int i) {
        if (at(i, "if", "not", "exists")) {
            return i + 3;
        }
        if (at(i, "if", "exists")) {
            return i + 2;
        }
        return i;
    }

    /** Whether the tokens at i start with {@code if exists} or {@code if not exists}. */
    public boolean hasIfExists(int i) {
        return at(i, "if", "exists") || at(i, "if", "not", "exists");
    }

    /** A possibly qualified name starting at i: its last part, unquoted and normalised; end index via {@link #nameEnd}. */
    public String name(int i) {
        int end = nameEnd(i);
        if (end <= i) {
            return "";
        }
        return normalise(t.get(end - 1));
    }

    /**
     * A table's possibly qualified name starting at i, as written: {@code users}, or {@code audit.users}
     * for {@code audit.users} and {@code db.audit.users}, each part unquoted and normalised. The
     * {@link Catalog} resolves it as the run's search_path does.
     */
    public String tableName(int i) {
        int end = nameEnd(i);
        if (end <= i) {
            return "";
        }
        String last = normalise(t.get(end - 1));
        return end - i >= 3 ? normalise(t.get(end - 3)) + "." + last : last;
    }

    /** The index just after a possibly qualified name starting at i. */
    public int nameEnd(int i) {
        if (i >= t.size() || !isIdentifier(t.get(i))) {
            return i;
        }
        int j = i + 1;
        while (j + 1 < t.size() && t.get(j).isPunct('.') && isIdentifier(t.get(j + 1))) {
            j += 2;
        }
        return j;
    }

    public static boolean isIdentifier(Token tok) {
        return tok.type() == TokenType.WORD || tok.type() == TokenType.QUOTED_IDENTIFIER;
    }

    public static String normalise(Token tok) {
        if (tok.type() == TokenType.QUOTED_IDENTIFIER) {
            String s = tok.text();
            int q = s.indexOf('"');
            return s.substring(q + 1, s.length() - 1).replace("\"\"", "\"");
        }
        return tok.text().toLowerCase(Locale.ROOT);
    }

    /** Splits tokens [from, to) on commas at parenthesis depth 0. */
    public List<Tokens> splitOnCommas(int from, int to) {
        List<Tokens> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            Token tok = t.get(i);
            if (tok.isPunct('(')) {
                depth++;
            } else if (tok.isPunct(')')) {
                depth--;
            } else if (depth == 0 && tok.isPunct(',')) {
                parts.add(new Tokens(t.subList(start, i)));
                start = i + 1;
            }
        }
        if (start < to) {
            parts.add(new Tokens(t.subList(start, to)));
        }
        return parts;
    }

    /** Index of the parenthesis that closes the one opened at {@code open}, or size() when unbalanced. */
    public int closing(int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isPunct('(')) {
                depth++;
            } else if (t.get(i).isPunct(')')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return t.size();
    }

    public Tokens sub(int from, int to) {
        return new Tokens(t.subList(Math.max(0, from), Math.min(to, t.size())));
    }

    public Token first() {
        return t.get(0);
    }
}
