package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SplitResult;
import dev.dbmigrations.engine.sql.SqlSplitter;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;
import dev.dbmigrations.engine.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SQL statements a {@code DO} block runs, with their places in the file. A DO block's PL/pgSQL
 * body runs when the migration runs (a function's body does not: it runs when called), so the
 * {@code ALTER TABLE} in the common guard
 *
 * <pre>
 * DO $$ BEGIN
 *     ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
 * EXCEPTION WHEN duplicate_object THEN null;
 * END $$;
 * </pre>
 *
 * takes the same locks as it would written on its own. The body is split like a file (quotes, dollar
 * quotes, comments), PL/pgSQL's control words in front of each piece are set aside ({@code BEGIN},
 * {@code DECLARE}, {@code IF ... THEN}, {@code ELSIF ... THEN}, {@code ELSE}, {@code EXCEPTION WHEN ...
 * THEN}, {@code FOR|WHILE|FOREACH ... LOOP}, {@code LOOP}, {@code END [IF|LOOP|CASE]}, labels), and
 * what is left is kept when it starts with a SQL command. Dynamic SQL ({@code EXECUTE 'ALTER ...'})
 * cannot be read and is left out; so is a block in another language than PL/pgSQL.
 */
public final class DoBlock {

    /** The commands kept from a body: those the rules and the catalog read. */
    private static final Set<String> COMMANDS = Set.of("alter", "create", "drop", "update", "delete", "insert",
            "truncate", "reindex", "refresh", "lock", "comment", "cluster", "merge", "with", "set", "vacuum", "analyze",
            "grant", "revoke");

    private DoBlock() {
    }

    /** The statements in order, each DO block followed by the statements its body runs. */
    public static List<SqlStatement> expand(List<SqlStatement> statements) {
        List<SqlStatement> out = null;
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement st = statements.get(i);
            List<SqlStatement> inner = st.word(0).equals("do") ? body(st) : List.of();
            if (!inner.isEmpty() && out == null) {
                out = new ArrayList<>(statements.subList(0, i));
            }
            if (out != null) {
                out.add(st);
                out.addAll(inner);
            }
        }
        return out == null ? statements : out;
    }

    /** The statements of a DO block's body, placed in the file; none for anything else. */
    public static List<SqlStatement> body(SqlStatement st) {
        if (!st.word(0).equals("do")) {
            return List.of();
        }
        Token code = null;
        List<Token> tokens = st.tokens();
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.WORD && t.word().equals("language")) {
                String language = i + 1 < tokens.size() ? tokens.get(i + 1).text().replace("'", "").replace("\"", "")
                        .toLowerCase(java.util.Locale.ROOT) : "";
                if (!language.equals("plpgsql")) {
                    return List.of();
                }
                i++;
            } else if (t.type() == TokenType.DOLLAR_STRING && code == null) {
                code = t;
            }
        }
        if (code == null) {
            return List.of(); // DO 'body' with doubled quotes, or nothing: not read
        }
        String delimited = code.text();
        int open = delimited.indexOf('$', 1) + 1;
        int close = delimited.lastIndexOf('$', delimited.length() - 2);
        if (open <= 0 || close < open) {
            return List.of();
        }
        String body = delimited.substring(open, close);
        SplitResult split = SqlSplitter.split(body);
        if (!split.errors().isEmpty()) {
            return List.of();
        }
        List<SqlStatement> out = new ArrayList<>();
        for (SqlStatement piece : split.statements()) {
            int from = firstCommand(piece.tokens());
            if (from < 0) {
                continue;
            }
            List<Token> placed = new ArrayList<>();
            for (Token t : piece.tokens().subList(from, piece.tokens().size())) {
                placed.add(place(t, code, open));
            }
            Token first = piece.tokens().get(from);
            Token last = piece.tokens().get(piece.tokens().size() - 1);
            String text = body.substring(first.offset(), last.offset() + last.text().length());
            out.add(new SqlStatement(text, placed.get(0).line(), placed.get(0).column(), placed));
        }
        return out;
    }

    /** A token of the body, moved to its place in the file. */
    private static Token place(Token t, Token code, int open) {
        int line = code.line() + t.line() - 1;
        int column = t.line() == 1 ? code.column() + open + t.column() - 1 : t.column();
        return new Token(t.type(), t.text(), line, column, code.offset() + open + t.offset(), t.word());
    }

    /**
     * Where the SQL command of a piece of PL/pgSQL starts, after its control words; -1 when the piece
     * is no SQL command (an assignment, RAISE, PERFORM, RETURN, EXECUTE, NULL, a declaration ...).
     */
    private static int firstCommand(List<Token> t) {
        int i = 0;
        while (i < t.size()) {
            Token tok = t.get(i);
            if (tok.isPunct('<') && i + 1 < t.size() && t.get(i + 1).isPunct('<')) {
                // a label, <<name>>
                int close = i + 2;
                while (close + 1 < t.size() && !(t.get(close).isPunct('>') && t.get(close + 1).isPunct('>'))) {
                    close++;
                }
                i = close + 2;
                continue;
            }
            String w = tok.word() == null ? "" : tok.word();
            switch (w) {
                case "begin", "else", "loop" -> i++;
                case "declare" -> {
                    return -1; // a declaration; the statements come after BEGIN
                }
                case "if", "elsif", "elseif", "exception", "when", "case" -> i = after(t, i + 1, "then");
                case "for", "foreach", "while" -> i = after(t, i + 1, "loop");
                case "end" -> {
                    i++;
                    if (i < t.size() && t.get(i).word() != null
                            && Set.of("if", "loop", "case").contains(t.get(i).word())) {
                        i++;
                    }
                }
                default -> {
                    return COMMANDS.contains(w) ? i : -1;
                }
            }
        }
        return -1;
    }

    /** The index after the first {@code word} at parenthesis depth 0 from {@code from}, or the end. */
    private static int after(List<Token> t, int from, String word) {
        int at = new Tokens(t).find(from, word);
        return at < 0 ? t.size() : at + 1;
    }
}
