package dev.dbmigrations.engine.sql;

/**
 * One lexical token of a statement (comments and whitespace are not tokens).
 *
 * @param text   the token as written; for {@link TokenType#WORD} it is lower-cased in {@link #word()}
 * @param offset the offset of the token in the file text
 * @param word   for a {@link TokenType#WORD}, its text lower-cased (the rules compare words many times
 *               over: lower-cased once, here), else {@code null}
 */
public record Token(TokenType type, String text, int line, int column, int offset, String word) {

    public Token(TokenType type, String text, int line, int column, int offset) {
        this(type, text, line, column, offset, type == TokenType.WORD ? text.toLowerCase(java.util.Locale.ROOT) : null);
    }

    public boolean isWord(String lowerCase) {
        return type == TokenType.WORD && text.equalsIgnoreCase(lowerCase);
    }

    public boolean isPunct(char c) {
        return type == TokenType.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }
}
