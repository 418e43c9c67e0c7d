package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationReaderTest {

    /** The file-name reader and the rule it replaces, golang-migrate's {version}_{title}.{up|down}.sql, agree. */
    @Test
    void fileNamesAreReadAsTheRegularExpressionReadsThem() {
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile("^([0-9]+)_(.+)\\.(up|down)\\.sql$");
        List<String> names = new java.util.ArrayList<>(List.of("0001_create_users.up.sql", "1_x.down.sql", "1_.up.sql",
                "1__.up.sql", "_x.up.sql", "12ab_x.up.sql", "1_x.down.up.sql", "1_x.up.sql.down.sql", "1_x.UP.sql",
                "1_x.up.SQL", "1_a\nb.up.sql", "1_a\u2028b.down.sql", "20261124103000_é ü.up.sql", "1_x.up.sqlx",
                "99999999999999999999_big.up.sql", "1.up.sql", "1_x.sql", "1_x.up.sql ", "x", ""));
        java.util.Random random = new java.util.Random(7);
        String alphabet = "0123456789_.upsqldownx\n ";
        for (int i = 0; i < 20000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(14);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            b.append(random.nextBoolean() ? ".up.sql" : random.nextBoolean() ? ".down.sql" : ".sql");
            names.add(b.toString());
        }
        for (String name : names) {
            java.util.regex.Matcher m = rule.matcher(name);
            MigrationReader.FileName parsed = MigrationReader.FileName.parse(name);
            if (m.matches()) {
                assertEquals(new MigrationReader.FileName(m.group(1), m.group(2), m.group(3).equals("up")), parsed, name);
            } else {
                assertNull(parsed, name);
            }
        }
    }

    @TempDir
    Path tmp;

    private Problem onlyProblem(MigrationSet set) {
        assertEquals(1, set.problems().size(), set.problems().toString());
        return set.problems().get(0);
    }

    @Test
    void everyEnvironmentOfEnvironmentsJsonHasItsSubfolder() {
        new Folder(tmp).migration("0001_create_users", "create table users (id int);", "drop table users;")
                .file("qa/0002_qa_fixtures.up.sql", "insert into users values (1);")
                .file("environments.json", "{\"qa\": {}, \"production\": {\"lint\": \"strict\"}}");
        MigrationSet set = MigrationReader.read(tmp);
        assertEquals(List.of(), set.problems());
        assertEquals(List.of(1L, 2L), set.forEnvironment("qa").stream().map(Migration::version).toList());
        assertEquals(List.of(1L), set.forEnvironment("production").stream().map(Migration::version).toList());
    }

    @Test
    void aSubfolderForAnEnvironmentTheFileDoesNotDefineIsAnError() {
        new Folder(tmp).migration("0001_create_users", "create table users (id int);", "drop table users;")
                .file("staging/0002_staging_only.up.sql", "select 1;")
                .file("environments.json", "{\"production\": {}}");
        Problem p = onlyProblem(MigrationReader.read(tmp));
        assertEquals("environment-folder", p.check());
        assertTrue(p.message().contains("defines no environment staging (its folders: development/, production/)"), p.message());
        assertTrue(p.fix().contains("add \"staging\": {}"), p.fix());
    }

    @Test
    void withoutEnvironmentsJsonAnOtherSubfolderIsOnlyAWarningAsGolangMigrateIgnoresIt() {
        new Folder(tmp).migration("0001_create_users", "create table users (id int);", "drop table users;")
                .file("qa/0002_qa_fixtures.up.sql", "select 1;");
        MigrationSet set = MigrationReader.read(tmp);
        assertEquals(List.of(), set.problems());
        assertEquals(1, set.migrations().size());
        assertTrue(set.warnings().get(0).contains("folder ignored"), set.warnings().toString());
    }

    @Test
    void readsAFolderOrderedByNumericVersion() {
        new Folder(tmp)
                .migration("10_ten", "select 10;", "select -10;")
                .migration("2_two", "select 2;", "select -2;")
                .migration("0001_one", "select 1;", null)
                .migration("staging/20261124103000_stage", "select 3;", null)
                .file("README.md", "docs")
                .file("dependencies.json", "{}");
        MigrationSet set = MigrationReader.read(tmp);
        assertTrue(set.ok(), set.problems().toString());
        assertEquals(List.of(1L, 2L, 10L, 20261124103000L), set.migrations().stream().map(Migration::version).toList());
        assertEquals("0001_one", set.migrations().get(0).id());
        assertFalse(set.migrations().get(0).reversible(), "an up without a down is irreversible, and allowed");
        assertEquals("staging", set.migrations().get(3).environment());
        assertEquals(3, set.forEnvironment("production").size());
        assertEquals(4, set.forEnvironment("staging").size());
    }

    @Test
    void rejectsANameThatDoesNotMatch() {
        new Folder(tmp).file("create_users.sql", "select 1;");
        Problem p = onlyProblem(MigrationReader.read(tmp));
        assertEquals("file-name", p.check());
        assertEquals(tmp.resolve("create_users.sql"), p.file());
        assertTrue(p.fix().contains("0001_create_users.up.sql"));
    }

    @Test
    void rejectsDuplicateVersionsAcrossSubfolders() {
        new Folder(tmp).migration("0002_a", "select 1;", null).migration("production/2_b", "select 1;", null);
        Problem p = onlyProblem(MigrationReader.read(tmp));
        assertEquals("duplicate-version", p.check());
        assertTrue(p.message().contains("0002_a.up.sql"), p.message());
    }

    @Test
    void pairsByVersionAsGolangMigrateDoes() {
        new Folder(tmp).file("7_add_nickname.up.sql", "alter table users add column nickname text;")
                .file("0007_drop_nickname.down.sql", "alter table users drop column nickname;")
                .file("20260101120000_x.up.sql", "select 1;");
        MigrationSet set = MigrationReader.read(tmp);
        assertTrue(set.ok(), set.problems().toString());
        assertEquals(2, set.migrations().size());
        Migration m = set.migrations().get(0);
        assertEquals(7, m.version());
        assertEquals("add_nickname", m.name());
        assertTrue(m.down().path().endsWith("0007_drop_nickname.down.sql"));
        assertTrue(MigrationReader.readForUp(tmp).ok(), "up reads the same folder");
    }

    @Test
    void aDuplicateVersionNamesEveryFileThatUsesIt() {
        new Folder(tmp).migration("0002_a", "select 1;", null).migration("2_b", "select 1;", null)
                .migration("02_c", "select 1;", null).migration("production/2_d", "select 1;", null);
        MigrationSet set = MigrationReader.read(tmp);
        Problem p = onlyProblem(set);
        assertEquals("duplicate-version", p.check());
        assertTrue(p.message().startsWith("version 2 is used by 4 up files"), p.message());
        for (String f : List.of("0002_a.up.sql", "2_b.up.sql", "02_c.up.sql", "2_d.up.sql")) {
            assertTrue(p.message().contains(f), f + " in " + p.message());
        }
        assertEquals(1, set.skipped().size(), "counted as left out: " + set.skipped());
    }

    @Test
    void rejectsADownWithoutItsUp() {
        new Folder(tmp).file("0003_orphan.down.sql", "drop table x;");
        Problem p = onlyProblem(MigrationReader.read(tmp));
        assertEquals("down-without-up", p.check());
        assertTrue(p.fix().contains("0003_orphan.up.sql"));
    }

    @Test
    void rejectsAFileThatIsNotUtf8WithItsLine() {
        new Folder(tmp).bytes("0001_latin.up.sql", "select 1;\nselect 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
        Problem p = onlyProblem(MigrationReader.read(tmp));
        assertEquals("encoding", p.check());
        assertEquals(2, p.line());
        assertEquals(12, p.column());
    }

    @Test
    void rejectsUnterminatedSqlWithFileAndLine() {
        new Folder(tmp).migration("0001_a", "select 1;\n\ndo $$ begin\n", null);
        Problem p = onlyProblem(MigrationReader.read(tmp));
        assertEquals("sql-syntax", p.check());
        assertEquals(3, p.line());
        assertTrue(p.format().startsWith(tmp.resolve("0001_a.up.sql") + ":3:4 [sql-syntax]"), p.format());
    }

    @Test
    void readsDirectivesAndRejectsUnknownOnes() {
        new Folder(tmp).migration("0001_a", "-- migrations:no-transaction\n-- migrations:ignore ban-drop-table we archive first\n"
                + "create index concurrently i on t (a);", null);
        Migration m = MigrationReader.read(tmp).migrations().get(0);
        assertTrue(m.up().noTransaction());
        assertEquals(List.of("ban-drop-table we archive first"), m.up().ignores());

        new Folder(tmp).migration("0002_b", "-- migrations:no-transactions\nselect 1;", null);
        Problem p = onlyProblem(MigrationReader.read(tmp));
        assertEquals("directive", p.check());
        assertEquals(1, p.line());
    }

    @Test
    void emptyFilesAreNoOpsAndChecksumsIgnoreLineEndings() {
        new Folder(tmp).migration("0001_empty", "-- only a comment\n", "")
                .file("0002_crlf.up.sql", "select 1;\r\nselect 2;\r\n")
                .file("0003_lf.up.sql", "select 1;\nselect 2;\n")
                .bytes("0004_bom.up.sql", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 's', 'e', 'l', 'e', 'c', 't', ' ', '1'});
        MigrationSet set = MigrationReader.read(tmp);
        assertTrue(set.ok(), set.problems().toString());
        assertTrue(set.migrations().get(0).up().isEmpty());
        assertEquals(set.migrations().get(1).up().checksum(), set.migrations().get(2).up().checksum());
        assertEquals("select 1", set.migrations().get(3).up().statements().get(0).text());
        assertNull(set.migrations().get(0).environment());
    }

    @Test
    void aMissingFolderIsAClearProblem() {
        Problem p = onlyProblem(MigrationReader.read(tmp.resolve("nope")));
        assertEquals("folder", p.check());
    }
}
