package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.SqlSplitter;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoBlockTest {

    private static final String FILE = """
            create table posts (id bigint);
            DO $guard$
            DECLARE
                n int := 0;
            BEGIN
                <<outer>>
                IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'posts_fk') THEN
                    ALTER TABLE posts ADD CONSTRAINT posts_fk FOREIGN KEY (id) REFERENCES users (id);
                ELSIF n > 0 THEN UPDATE posts SET id = id WHERE id < 0;
                ELSE
                    RAISE NOTICE 'ALTER TABLE skipped; nothing to do';
                END IF;
                FOR n IN 1..3 LOOP
                    EXECUTE 'DROP TABLE posts';
                    DELETE FROM posts WHERE id = n;
                END LOOP;
            EXCEPTION
                WHEN duplicate_object THEN null;
            END $guard$;
            select 1;
            """;

    @Test
    void theBodysStatementsAreReadInPlaceAndTheControlWordsSetAside() {
        List<SqlStatement> all = DoBlock.expand(SqlSplitter.split(FILE).statements());
        List<String> firstWords = all.stream().map(s -> s.word(0)).toList();
        // the DO block stays, followed by what its body runs; RAISE, EXECUTE and the handler are not statements
        assertEquals(List.of("create", "do", "alter", "update", "delete", "select"), firstWords);
        SqlStatement alter = all.get(2);
        assertEquals(8, alter.line());
        assertEquals(9, alter.column());
        assertTrue(alter.text().startsWith("ALTER TABLE posts ADD CONSTRAINT"), alter.text());
        assertTrue(alter.text().endsWith("REFERENCES users (id)"), alter.text());
        for (SqlStatement st : all.subList(2, 5)) {
            Token first = st.tokens().get(0);
            assertTrue(FILE.startsWith(first.text(), first.offset()), "offset of " + first);
            int lineStart = FILE.lastIndexOf('\n', first.offset() - 1) + 1;
            assertEquals(first.column(), first.offset() - lineStart + 1, "column of " + first);
            assertEquals(first.line(), 1 + (int) FILE.substring(0, first.offset()).chars().filter(c -> c == '\n').count());
        }
        // on the line of the delimiter itself
        SqlStatement update = all.get(3);
        assertEquals(9, update.line());
        assertEquals(FILE.lines().toList().get(8).indexOf("UPDATE") + 1, update.column());
    }

    @Test
    void functionBodiesOtherLanguagesAndFilesWithoutDoAreLeftAlone() {
        List<SqlStatement> plain = SqlSplitter.split("create table t (id int);\nalter table t add x int;").statements();
        assertSame(plain, DoBlock.expand(plain));
        assertEquals(List.of(), DoBlock.body(SqlSplitter.split(
                "create function f() returns void language plpgsql as $$ begin alter table t add y int; end $$").statements().get(0)));
        assertEquals(List.of(), DoBlock.body(SqlSplitter.split(
                "do language plperl $$ alter table t add y int; $$").statements().get(0)));
        assertEquals(List.of("alter"), DoBlock.body(SqlSplitter.split(
                "do $$ begin alter table t add y int; end $$ language plpgsql").statements().get(0)).stream()
                .map(s -> s.word(0)).toList());
    }
}
