package dev.dbmigrations.engine.reliability;

import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.sql.SplitResult;
import dev.dbmigrations.engine.sql.SqlSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded fuzzer for the folder reader and the SQL splitter: random bytes, truncated and mutated
 * SQL, unbalanced quotes, huge files. Nothing may crash, and every rejection must be a clear problem
 * (a check, a message and a fix) with a place in the file.
 */
class FuzzTest {

    @TempDir
    Path tmp;

    private static final String[] PIECES = {"select ", "'", "''", "\"", "$$", "$tag$", "$1", "--", "/*", "*/", ";", "(", ")",
            "E'\\'", "begin", "end", "create function f() returns int as ", "\n", "\r\n", "é", "\u0000", "U&'", "\\",
            "insert into t values (1);", "do $x$ begin raise notice ';'; end $x$;", "begin atomic", "case", " "};

    @Test
    void theSplitterNeverCrashesAndAlwaysPlacesItsErrors() {
        Random r = new Random(7);
        int iterations = Budget.of("fuzz", 3000);
        int errors = 0;
        for (int i = 0; i < iterations; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.append(r.nextInt(5) == 0 ? (char) r.nextInt(0x3000) : PIECES[r.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            SplitResult split = SqlSplitter.split(text);
            for (SplitResult.SqlError e : split.errors()) {
                errors++;
                assertTrue(e.line() >= 1 && e.column() >= 1, text);
                assertFalse(e.message().isBlank());
                assertFalse(e.fix().isBlank());
            }
            split.statements().forEach(st -> assertTrue(text.contains(st.text()), "statement text comes from the input"));
        }
        System.out.printf("reliability: splitter fuzz: %d inputs, %d located errors, 0 crashes%n", iterations, errors);
    }

    @Test
    void theReaderRejectsGarbageWithClearProblems() throws IOException {
        Random r = new Random(11);
        int iterations = Budget.of("fuzzFiles", 300);
        int rejected = 0;
        for (int i = 0; i < iterations; i++) {
            Path dir = Files.createTempDirectory(tmp, "f");
            byte[] bytes;
            switch (i % 4) {
                case 0 -> {
                    bytes = new byte[r.nextInt(2000)];
                    r.nextBytes(bytes);
                }
                case 1 -> {
                    byte[] sql = "create table t (id int, note text default 'a;b');\ninsert into t values (1, $$x$$);\n"
                            .getBytes(StandardCharsets.UTF_8);
                    bytes = java.util.Arrays.copyOf(sql, r.nextInt(sql.length + 1));
                }
                case 2 -> bytes = ("select '" + "x".repeat(r.nextInt(100)) + ";\n").getBytes(StandardCharsets.UTF_8);
                default -> bytes = ("select 1;\n".repeat(20_000) + "select 'unterminated").getBytes(StandardCharsets.UTF_8);
            }
            String name = r.nextInt(10) == 0 ? "bad name.sql" : String.format("%04d_fuzz.up.sql", i + 1);
            Files.write(dir.resolve(name), bytes);
            MigrationSet set = MigrationReader.read(dir);
            for (Problem p : set.problems()) {
                rejected++;
                assertTrue(p.file() != null, p.format());
                assertFalse(p.check().isBlank());
                assertFalse(p.message().isBlank());
                assertFalse(p.fix() == null || p.fix().isBlank(), p.format());
            }
            assertEquals(set.problems().isEmpty() ? (name.equals("bad name.sql") ? 0 : 1) : 0, set.migrations().size(),
                    "a rejected file yields no migration");
            // what up reads: the same verdict on the file itself; SQL it would run is checked by Script.syntaxProblems
            MigrationSet forUp = MigrationReader.readForUp(dir);
            for (Problem p : forUp.problems()) {
                assertTrue(p.file() != null, p.format());
                assertFalse(p.fix() == null || p.fix().isBlank(), p.format());
            }
            List<Problem> syntax = forUp.migrations().isEmpty() ? List.of() : forUp.migrations().get(0).up().syntaxProblems();
            assertEquals(set.problems().isEmpty(), forUp.problems().isEmpty() && syntax.isEmpty(),
                    "up refuses exactly what a full read refuses: " + set.problems() + " vs " + forUp.problems() + syntax);
        }
        System.out.printf("reliability: reader fuzz: %d folders, %d clear rejections, 0 crashes%n", iterations, rejected);
    }
}
