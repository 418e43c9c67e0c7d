package dev.dbmigrations.engine.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the splitter, checked by jqwik on generated input (and shrunk to the smallest
 * failing case when one fails): statements joined with semicolons split back into themselves, their
 * places only move forward, and no input at all makes it throw.
 */
class SplitterPropertiesTest {

    /**
     * A statement built of the pieces that trip splitters: quotes, dollar quotes, comments with ';'
     * inside (parentheses balanced: like psql, a ';' inside parentheses does not end a statement).
     */
    @Provide
    Arbitrary<String> statement() {
        Arbitrary<String> ident = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> piece = Arbitraries.oneOf(
                ident,
                Arbitraries.strings().withChars("abc;'$ -*/\n").ofMaxLength(12).map(x -> "'" + x.replace("'", "''") + "'"),
                Arbitraries.strings().withChars("abc;'\n -").ofMaxLength(12).map(x -> "$q$" + x.replace("$", "") + "$q$"),
                Arbitraries.strings().withChars("abc;' ").ofMaxLength(12).map(x -> "/* " + x.replace("*/", "") + " */"),
                Arbitraries.strings().withChars("abc;' ").ofMaxLength(12).map(x -> "-- " + x + "\n"),
                Arbitraries.strings().withChars("abc; ").ofMaxLength(8).map(x -> "\"" + x.replace("\"", "") + "\""),
                Arbitraries.of("(1)", "(a, b)", ",", "=", "1", "::text", "E'\\''"));
        return Combinators.combine(ident, piece.list().ofMinSize(0).ofMaxSize(8))
                .as((head, rest) -> "select " + head + (rest.isEmpty() ? "" : " " + String.join(" ", rest)));
    }

    @Property(tries = 300)
    void statementsJoinedWithSemicolonsSplitBackIntoThemselves(@ForAll("statementList") List<String> statements) {
        String text = String.join(";\n", statements) + ";\n";
        SplitResult split = SqlSplitter.split(text);
        assertEquals(List.of(), split.errors(), text);
        // each comes back with the tokens it has alone (its text ends at its last token: a trailing comment is not part of it)
        assertEquals(statements.stream().map(SplitterPropertiesTest::tokensAlone).toList(),
                split.statements().stream().map(SplitterPropertiesTest::tokens).toList(), text);
        split.statements().forEach(st -> assertTrue(text.contains(st.text()), st.text()));
    }

    private static List<String> tokensAlone(String statement) {
        List<SqlStatement> alone = SqlSplitter.split(statement).statements();
        assertEquals(1, alone.size(), statement);
        return tokens(alone.get(0));
    }

    private static List<String> tokens(SqlStatement st) {
        return st.tokens().stream().map(Token::text).toList();
    }

    @Provide
    Arbitrary<List<String>> statementList() {
        return statement().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void placesOnlyMoveForward(@ForAll("statementList") List<String> statements) {
        SplitResult split = SqlSplitter.split(String.join(";\n", statements));
        int line = 0;
        int column = 0;
        for (SqlStatement st : split.statements()) {
            assertTrue(st.line() > line || (st.line() == line && st.column() > column), st.line() + ":" + st.column());
            line = st.line();
            column = st.column();
            int tokenLine = st.line();
            for (Token t : st.tokens()) {
                assertTrue(t.line() >= tokenLine, "tokens move forward");
                tokenLine = t.line();
            }
        }
    }

    @Property(tries = 1000)
    void noInputMakesItThrowAndEveryErrorIsPlaced(@ForAll @Size(max = 200) String text) {
        SplitResult split = SqlSplitter.split(text);
        for (SplitResult.SqlError e : split.errors()) {
            assertTrue(e.line() >= 1 && e.column() >= 1, e.toString());
        }
        split.statements().forEach(st -> assertTrue(text.contains(st.text()), "a statement's text comes from the input"));
    }
}
