package dev.dbmigrations.engine.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlSplitterTest {

    private static List<String> texts(String sql) {
        SplitResult r = SqlSplitter.split(sql);
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        return r.statements().stream().map(SqlStatement::text).toList();
    }

    @Test
    void splitsOnTopLevelSemicolons() {
        assertEquals(List.of("select 1", "select 2"), texts("select 1; select 2;"));
    }

    @Test
    void aLastStatementWithoutSemicolonCounts() {
        assertEquals(List.of("select 1", "select 2"), texts("select 1;\nselect 2\n"));
    }

    @Test
    void semicolonsInLineAndNestedBlockComments() {
        assertEquals(List.of("select 1 /* a; /* b; */ c; */ + 1"),
                texts("-- one; two;\nselect 1 /* a; /* b; */ c; */ + 1; -- trailing; comment\n"));
    }

    @Test
    void semicolonsInStringsAndDoubledQuotes() {
        assertEquals(List.of("select 'a;b''c;'", "select 2"), texts("select 'a;b''c;'; select 2"));
    }

    @Test
    void escapeStringsWithBackslashes() {
        assertEquals(List.of("select E'it\\'s; here'", "select e'\\\\'", "select 3"),
                texts("select E'it\\'s; here'; select e'\\\\'; select 3"));
    }

    @Test
    void aBackslashInAStandardStringIsLiteral() {
        assertEquals(List.of("select 'C:\\'", "select 2"), texts("select 'C:\\'; select 2"));
    }

    @Test
    void quotedIdentifiers() {
        assertEquals(List.of("create table \"we;ird\"\"name\" (id int)", "select 1"),
                texts("create table \"we;ird\"\"name\" (id int); select 1;"));
    }

    @Test
    void dollarQuotesWithAndWithoutTags() {
        String fn = "create function f() returns int language plpgsql as $$ begin return 1; end; $$";
        String tagged = "do $body$ declare x text := $$inner; $$; begin raise notice '%', x; end $body$";
        assertEquals(List.of(fn, tagged), texts(fn + ";\n" + tagged + ";"));
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertEquals(List.of("create function f(int) returns int language sql as 'select $1 + 1'", "select 2"),
                texts("create function f(int) returns int language sql as 'select $1 + 1'; select 2"));
        assertEquals(List.of("select a$b from t"), texts("select a$b from t;"));
    }

    @Test
    void parenthesesKeepSemicolonsInside() {
        assertEquals(List.of("create rule r as on insert to t do also (insert into a values (1); insert into b values (2))"),
                texts("create rule r as on insert to t do also (insert into a values (1); insert into b values (2));"));
    }

    @Test
    void sqlStandardFunctionBodies() {
        String fn = "create or replace function f(i int) returns int language sql\nbegin atomic\n"
                + "  select case when i > 0 then 1 else 0 end;\n  select i;\nend";
        assertEquals(List.of(fn, "select 1"), texts(fn + ";\nselect 1;"));
    }

    @Test
    void beginAndCommitAreStatementsOfTheirOwn() {
        assertEquals(List.of("BEGIN", "create table t (id int)", "COMMIT"), texts("BEGIN;\ncreate table t (id int);\nCOMMIT;\n"));
    }

    @Test
    void keepsStartLinesAndColumnsWithAnyLineEnding() {
        SplitResult r = SqlSplitter.split("-- header\r\n\r\nselect 1;\r\n  select\r\n 2;\rselect 3");
        assertEquals(List.of(3, 4, 6), r.statements().stream().map(SqlStatement::line).toList());
        assertEquals(3, r.statements().get(1).column());
        assertEquals(5, r.statements().get(1).lineAt(r.statements().get(1).text().indexOf('2')));
    }

    @Test
    void emptyStatementsAndCommentOnlyTextGiveNothing() {
        assertEquals(List.of(), texts(";;\n-- nothing\n/* nothing */\n"));
        assertEquals(List.of(), texts(""));
    }

    @Test
    void unterminatedConstructsAreErrorsWithTheirPlace() {
        assertError("select 'abc", 1, 8, "unterminated string");
        assertError("select 1;\nselect E'abc\\'", 2, 8, "unterminated string");
        assertError("select 1 /* open /* nested */", 1, 10, "unterminated block comment");
        assertError("do $x$ begin end $y$", 1, 4, "unterminated dollar-quoted");
        assertError("select \"abc", 1, 8, "unterminated quoted identifier");
    }

    private static void assertError(String sql, int line, int column, String message) {
        SplitResult r = SqlSplitter.split(sql);
        assertFalse(r.errors().isEmpty(), sql);
        assertEquals(line, r.errors().get(0).line(), sql);
        assertEquals(column, r.errors().get(0).column(), sql);
        assertTrue(r.errors().get(0).message().startsWith(message), r.errors().get(0).message());
    }

    @Test
    void classifiesStatementsThatCannotRunInATransaction() {
        assertTrue(kind("create index concurrently i on t (a)", 15));
        assertTrue(kind("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)", 15));
        assertTrue(kind("drop index concurrently i", 15));
        assertTrue(kind("reindex (verbose) index concurrently i", 15));
        assertTrue(kind("vacuum analyze t", 15));
        assertTrue(kind("create database x", 15));
        assertTrue(kind("alter table p detach partition c concurrently", 15));
        assertTrue(kind("alter type mood add value 'sad'", 11));
        assertFalse(kind("alter type mood add value 'sad'", 15));
        assertFalse(kind("create index i on t (a)", 15));
        assertFalse(kind("select 'create index concurrently'", 15));
    }

    private static boolean kind(String sql, int major) {
        return StatementKind.cannotRunInTransaction(SqlSplitter.split(sql).statements().get(0), major);
    }

    @Test
    void classifiesTransactionControl() {
        assertTrue(control("begin"));
        assertTrue(control("START TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
        assertTrue(control("commit"));
        assertTrue(control("end"));
        assertTrue(control("rollback"));
        assertFalse(control("rollback to savepoint s"));
        assertFalse(control("savepoint s"));
        assertFalse(control("begin atomic select 1; end"));
    }

    private static boolean control(String sql) {
        return StatementKind.isTransactionControl(SqlSplitter.split(sql).statements().get(0));
    }
}
