package dev.dbmigrations.engine.sql;

import java.util.List;

/**
 * One statement of a file, without its terminating semicolon.
 *
 * @param text   the statement as written, from its first token to its last
 * @param line   the file line of its first token (1-based)
 * @param column the column of its first token (1-based)
 * @param tokens its tokens, comments left out
 */
public record SqlStatement(String text, int line, int column, List<Token> tokens) {

    public SqlStatement {
        tokens = List.copyOf(tokens);
    }

    /** The lower-cased word at {@code index} among the tokens, or "" when that token is not a word. */
    public String word(int index) {
        if (index >= tokens.size()) {
            return "";
        }
        String w = tokens.get(index).word();
        return w == null ? "" : w;
    }

    /** The file line of a character offset inside {@link #text()} (0-based offset). */
    public int lineAt(int offsetInText) {
        int l = line;
        for (int i = 0; i < offsetInText && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                l++;
            }
        }
        return l;
    }

    /** The file column of a character offset inside {@link #text()} (0-based offset). */
    public int columnAt(int offsetInText) {
        int lastNl = text.lastIndexOf('\n', Math.min(offsetInText, text.length()) - 1);
        if (lastNl < 0) {
            return column + offsetInText;
        }
        return offsetInText - lastNl;
    }
}
