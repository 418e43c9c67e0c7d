package dev.dbmigrations.engine.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** PostgreSQL 17's grammar, run from the jar: what it accepts, what it rejects and where. */
class PgParserTest {

    private static final PgParser PARSER = PgParser.get();

    @Test
    void acceptsWhatPostgresAccepts() {
        assertNull(PARSER.check("select 1"));
        assertNull(PARSER.check(""));
        assertNull(PARSER.check("-- only a comment\n"));
        assertNull(PARSER.check("create table users (id bigint generated always as identity primary key, email text not null);\n"
                + "create index concurrently users_email on users (email);\n"
                + "create function f() returns trigger language plpgsql as $$ begin retrun new; end $$;\n"
                + "alter table users add constraint email_set check (email <> '') not valid;\n"
                + "begin; alter type mood add value 'calm'; commit;"));
    }

    @Test
    void rejectsWithPostgresMessageAndPosition() {
        assertEquals(new PgParser.SyntaxError("syntax error at or near \"tabel\"", 6), PARSER.check("alter tabel users add column x int"));
        String file = "create table a (id int);\nselec 2;\n";
        PgParser.SyntaxError e = PARSER.check(file);
        assertEquals("syntax error at or near \"selec\"", e.message());
        assertEquals(file.indexOf("selec"), e.offset());
        assertEquals("syntax error at end of input", PARSER.check("create table a (").message());
        assertEquals("unterminated quoted string at or near \"'abc\"", PARSER.check("select 'abc").message());
    }

    @Test
    void positionsCountCharactersNotBytes() {
        String sql = "select 'é😀', 1 frm t";
        PgParser.SyntaxError e = PARSER.check(sql);
        assertEquals(sql.indexOf("t", sql.indexOf("frm") + 3), e.offset(), e.toString());
    }

    @Test
    void anErrorDoesNotLeaveTheParserBroken() {
        for (int i = 0; i < 200; i++) {
            assertEquals("syntax error at or near \"tabel\"", PARSER.check("alter tabel x").message());
            assertNull(PARSER.check("alter table x add column y int"));
        }
    }
}
