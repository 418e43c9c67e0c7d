package dev.dbmigrations.engine.sql;

/**
 * One lexical token of a statement (comments and whitespace are not tokens).
 *
 * @param text   the token as written; for {@link TokenType#WORD} it is lower-cased in {@link #word()}
 * @param offset the offset of the token in the file text
 */
public record Token(TokenType type, String text, int line, int column, int offset) {

    /** The lower-cased text of a word, or {@code null} for any other token. */
    public String word() {
        return type == TokenType.WORD ? text.toLowerCase(java.util.Locale.ROOT) : null;
    }

    public boolean isWord(String lowerCase) {
        return type == TokenType.WORD && text.equalsIgnoreCase(lowerCase);
    }

    public boolean isPunct(char c) {
        return type == TokenType.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }
}
