package dev.dbmigrations.engine.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits SQL text into statements the way PostgreSQL's own psql does: a semicolon ends a statement
 * only outside comments (line and nested block), string constants (standard, E'' with backslash
 * escapes, B'', X'', U&amp;''), quoted identifiers, dollar-quoted bodies (with or without a tag),
 * parentheses, and the BEGIN ... END body of a SQL-standard {@code CREATE FUNCTION/PROCEDURE}.
 * A last statement without a semicolon is still a statement. Line and column of every statement and
 * token are kept, so errors point at the file line.
 */
public final class SqlSplitter {

    private final String s;
    private final int n;
    private final int[] lineStarts;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<SplitResult.SqlError> errors = new ArrayList<>();

    // state of the current statement
    private List<Token> tokens = new ArrayList<>();
    private int parenDepth;
    private int beginDepth;
    private final char[] leadWords = new char[4];
    private int wordCount;

    private SqlSplitter(String text) {
        this.s = text;
        this.n = text.length();
        this.lineStarts = lineStarts(text);
    }

    /** Splits {@code text} (no byte-order mark; any line endings). */
    public static SplitResult split(String text) {
        SqlSplitter splitter = new SqlSplitter(text);
        splitter.run();
        return new SplitResult(splitter.statements, splitter.errors);
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private int lineOf(int offset) {
        int idx = Arrays.binarySearch(lineStarts, offset);
        return idx >= 0 ? idx + 1 : -idx - 1;
    }

    private int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    private void run() {
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                i = skipLineComment(i);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = skipBlockComment(i);
            } else if (c == '\'') {
                i = string(i, i, false);
            } else if (c == '"') {
                i = quotedIdentifier(i, i);
            } else if (c == '$') {
                i = dollar(i);
            } else if (isIdentStart(c)) {
                i = word(i);
            } else if (c >= '0' && c <= '9' || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                i = number(i);
            } else if (c == ';') {
                if (parenDepth == 0 && beginDepth == 0) {
                    endStatement();
                } else {
                    add(TokenType.PUNCT, i, i + 1);
                }
                i++;
            } else {
                if (c == '(') {
                    parenDepth++;
                } else if (c == ')' && parenDepth > 0) {
                    parenDepth--;
                }
                int end = i + 1;
                if (c == ':' && end < n && s.charAt(end) == ':') {
                    end++;
                }
                add(TokenType.PUNCT, i, end);
                i = end;
            }
        }
        endStatement();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private int skipLineComment(int i) {
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private int skipBlockComment(int start) {
        int depth = 0;
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        error(start, "unterminated block comment: '/*' is never closed",
                "close it with '*/' (block comments nest: every '/*' needs its own '*/')");
        return n;
    }

    /** A string constant whose opening quote is at {@code quote}; the token starts at {@code tokenStart}. */
    private int string(int tokenStart, int quote, boolean backslashEscapes) {
        int i = quote + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && s.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    add(TokenType.STRING, tokenStart, i + 1);
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        error(tokenStart, "unterminated string constant", backslashEscapes
                ? "close the E'' string with a quote; inside it a backslash escapes the next character"
                : "close the string with a quote; write a quote inside a string as ''");
        return n;
    }

    private int quotedIdentifier(int tokenStart, int quote) {
        int i = quote + 1;
        while (i < n) {
            if (s.charAt(i) == '"') {
                if (i + 1 < n && s.charAt(i + 1) == '"') {
                    i += 2;
                } else {
                    add(TokenType.QUOTED_IDENTIFIER, tokenStart, i + 1);
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        error(tokenStart, "unterminated quoted identifier", "close the identifier with '\"'; write '\"' inside it as '\"\"'");
        return n;
    }

    private int dollar(int start) {
        int i = start + 1;
        if (i < n && isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            add(TokenType.PARAMETER, start, i);
            return i;
        }
        // $tag$ where tag is an identifier without '$', or empty
        if (i < n && s.charAt(i) != '$' && !isIdentStart(s.charAt(i))) {
            add(TokenType.PUNCT, start, i);
            return i;
        }
        while (i < n && s.charAt(i) != '$' && (isIdentStart(s.charAt(i)) || isDigit(s.charAt(i)))) {
            i++;
        }
        if (i >= n || s.charAt(i) != '$') {
            add(TokenType.PUNCT, start, start + 1);
            return start + 1;
        }
        String delimiter = s.substring(start, i + 1);
        int close = s.indexOf(delimiter, i + 1);
        if (close < 0) {
            error(start, "unterminated dollar-quoted string: " + delimiter + " is never closed",
                    "end the body with " + delimiter + " (the same tag, case-sensitive)");
            return n;
        }
        add(TokenType.DOLLAR_STRING, start, close + delimiter.length());
        return close + delimiter.length();
    }

    private int word(int start) {
        int i = start + 1;
        while (i < n && isIdentPart(s.charAt(i))) {
            i++;
        }
        int len = i - start;
        if (i < n && s.charAt(i) == '\'') {
            char p = s.charAt(start);
            if (len == 1 && (p == 'e' || p == 'E')) {
                return string(start, i, true);
            }
            if (len == 1 && (p == 'b' || p == 'B' || p == 'x' || p == 'X' || p == 'n' || p == 'N')) {
                return string(start, i, false);
            }
        }
        if (len == 1 && (s.charAt(start) == 'u' || s.charAt(start) == 'U') && i + 1 < n && s.charAt(i) == '&') {
            if (s.charAt(i + 1) == '\'') {
                return string(start, i + 1, false);
            }
            if (s.charAt(i + 1) == '"') {
                return quotedIdentifier(start, i + 1);
            }
        }
        add(TokenType.WORD, start, i);
        trackBeginEnd(s.substring(start, i));
        return i;
    }

    /** psql's heuristic for BEGIN ... END bodies of SQL-standard CREATE [OR REPLACE] FUNCTION/PROCEDURE. */
    private void trackBeginEnd(String w) {
        String lower = w.toLowerCase(java.util.Locale.ROOT);
        if (wordCount < leadWords.length) {
            leadWords[wordCount] = switch (lower) {
                case "create", "function", "procedure", "or", "replace" -> lower.charAt(0);
                default -> 0;
            };
        }
        wordCount++;
        boolean routine = leadWords[0] == 'c'
                && (leadWords[1] == 'f' || leadWords[1] == 'p'
                || (leadWords[1] == 'o' && leadWords[2] == 'r' && (leadWords[3] == 'f' || leadWords[3] == 'p')));
        if (routine && parenDepth == 0) {
            if (lower.equals("begin")) {
                beginDepth++;
            } else if (lower.equals("case")) {
                if (beginDepth >= 1) {
                    beginDepth++;
                }
            } else if (lower.equals("end") && beginDepth > 0) {
                beginDepth--;
            }
        }
    }

    private int number(int start) {
        int i = start;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
            char c = s.charAt(i);
            if ((c == 'e' || c == 'E') && i + 1 < n && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')) {
                i += 2;
                continue;
            }
            if (c == '.' && i + 1 < n && s.charAt(i + 1) == '.') {
                break;
            }
            i++;
        }
        add(TokenType.NUMBER, start, i);
        return i;
    }

    private void add(TokenType type, int start, int end) {
        tokens.add(new Token(type, s.substring(start, end), lineOf(start), columnOf(start), start));
    }

    private void endStatement() {
        if (!tokens.isEmpty()) {
            Token first = tokens.get(0);
            Token last = tokens.get(tokens.size() - 1);
            String text = s.substring(first.offset(), last.offset() + last.text().length());
            statements.add(new SqlStatement(text, first.line(), first.column(), tokens));
        }
        tokens = new ArrayList<>();
        parenDepth = 0;
        beginDepth = 0;
        wordCount = 0;
        Arrays.fill(leadWords, (char) 0);
    }

    private void error(int offset, String message, String fix) {
        errors.add(new SplitResult.SqlError(lineOf(offset), columnOf(offset), message, fix));
    }
}
