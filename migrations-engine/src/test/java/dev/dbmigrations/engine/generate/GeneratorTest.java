package dev.dbmigrations.engine.generate;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.api.GenerateRequest;
import dev.dbmigrations.engine.api.GenerateResult;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.SumFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrations:generate without a database. */
class GeneratorTest {

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:30:00Z"), ZoneOffset.UTC);

    private Generator gen() {
        return new Generator(tmp.resolve("migrations"), "user-service", "user_service", getClass().getClassLoader(), clock);
    }

    private static GenerateRequest req(String name, String type) {
        return new GenerateRequest(name, type, null, null, "Ada", Map.of());
    }

    private Path dir() {
        return tmp.resolve("migrations");
    }

    @Test
    void renderingReplacesEachVariableOnceAndKeepsEscapedOnes() {
        assertEquals("create table users (id int); -- ${table} stays, ${name} too: users_add",
                Generator.render("create table ${table} (id int); -- $${table} stays, $${name} too: ${table}_${name}",
                        Map.of("table", "users", "name", "add")));
        assertEquals("a ${name} b", Generator.render("a ${table} b", Map.of("table", "${name}")),
                "a value is not substituted again");
        assertEquals("no variables", Generator.render("no variables", Map.of()));
    }

    @Test
    void theFirstMigrationOfANewFolderHasGitsUserNameAsAuthor() throws Exception {
        Process init = new ProcessBuilder("sh", "-c", "git init -q . && git config user.name 'Ada Lovelace'")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(init.waitFor() == 0, "git is needed for this test");
        assertFalse(java.nio.file.Files.exists(tmp.resolve("migrations")));
        assertEquals("Ada Lovelace", gen().author());
    }

    @Test
    void generatesATablePairWithItsVariables() throws Exception {
        GenerateResult r = gen().generate(req("add_user_profiles", "table"));
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("0001", r.version());
        assertEquals(List.of(dir().resolve("0001_add_user_profiles.up.sql"), dir().resolve("0001_add_user_profiles.down.sql")),
                r.written());
        String up = Files.readString(r.written().get(0));
        assertTrue(up.startsWith("-- 0001_add_user_profiles (user-service, schema user_service)\n-- Author: Ada, 2026-11-24T10:30:00Z"), up);
        assertTrue(up.contains("create table if not exists user_profiles ("), up);
        assertFalse(up.contains("${"), up);
        assertTrue(Files.readString(r.written().get(1)).contains("drop table if exists user_profiles;"));
        assertTrue(r.notes().get(r.notes().size() - 1).contains("mvn migrations:validate and mvn migrations:up"));
        String readme = Files.readString(dir().resolve("README.md"));
        assertTrue(readme.contains("| 0001 | add_user_profiles | all | yes | create table user_profiles. |"), readme);
    }

    @Test
    void twoCallsGiveConsecutiveVersionsAndNeverTouchExistingFiles() throws Exception {
        new Folder(dir()).migration("007_existing", "select 1;", null);
        byte[] before = Files.readAllBytes(dir().resolve("007_existing.up.sql"));
        assertEquals("008", gen().generate(req("create_a", "table")).version());
        assertEquals("009", gen().generate(req("create_b", "table")).version());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir().resolve("007_existing.up.sql"))));
        assertEquals(3, MigrationReader.read(dir()).migrations().size());
    }

    @Test
    void versionsFollowTheFolderOrTheRequestedFormat() {
        assertEquals("20261124103000", gen().generate(new GenerateRequest("create_a", "table", null, "timestamp", "Ada", Map.of())).version());
        assertEquals("20261124103001", gen().generate(req("create_b", "table")).version(), "same second: the next number");
        Problem p = gen().generate(new GenerateRequest("create_c", "table", null, "weekly", "Ada", Map.of())).problems().get(0);
        assertEquals("version-format", p.check());
    }

    @Test
    void anEnvironmentOnlyMigrationGoesIntoItsSubfolder() {
        new Folder(dir()).migration("0001_create_users", "create table users (id bigint);", "drop table users;");
        GenerateResult r = gen().generate(new GenerateRequest("seed_users", "seed", "development", null, "Ada", Map.of()));
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(dir().resolve("development/0002_seed_users.up.sql"), r.written().get(0));
        assertEquals("development", MigrationReader.read(dir()).migrations().get(1).environment());
    }

    @Test
    void aSeedRowIsMadeFromTheTableAsTheFolderCreatesIt() throws Exception {
        new Folder(dir()).migration("0001_create_products", "create table products (id bigint generated always as identity"
                        + " primary key, name text not null, price numeric(10, 2) not null, note text,"
                        + " created_at timestamptz not null default now());", "drop table products;")
                .migration("0002_create_tags", "create table tags (id bigint generated always as identity primary key,"
                        + " created_at timestamptz not null default now());", "drop table tags;");
        GenerateResult products = gen().generate(req("seed_products", "seed"));
        String up = Files.readString(products.written().get(0));
        assertTrue(up.contains("insert into products (name, price)\nvalues ('example', 0)\non conflict do nothing;"), up);
        assertTrue(Files.readString(products.written().get(1)).contains("delete from products where (name, price) = ('example', 0);"));
        // every column has a default: a row of defaults, found again by its created_at
        String tags = Files.readString(gen().generate(req("seed_tags", "seed")).written().get(0));
        assertTrue(tags.contains("insert into tags (created_at)\nvalues ('2000-01-01 00:00:00+00')"), tags);
        // a table the folder does not create: defaults, and a down to fill in
        GenerateResult other = gen().generate(req("seed_elsewhere", "seed"));
        assertTrue(Files.readString(other.written().get(0)).contains("insert into elsewhere\ndefault values"),
                Files.readString(other.written().get(0)));
        assertTrue(Files.readString(other.written().get(1)).contains("where false"));
    }

    @Test
    void badNamesAndTypesAreClearErrorsAndWriteNothing() {
        Problem name = gen().generate(req("AddUserProfiles", "table")).problems().get(0);
        assertTrue(name.fix().contains("-Dmigrations.name=add_user_profiles"), name.fix());
        Problem type = gen().generate(req("add_x", "tabel")).problems().get(0);
        assertEquals("type", type.check());
        assertTrue(type.fix().contains("table, index, column, constraint, foreign-key, data, function, view, enum, trigger, seed, blank"),
                type.fix());
        Problem column = gen().generate(req("add_something", "index")).problems().get(0);
        assertTrue(column.message().contains("needs column"), column.message());
        assertTrue(column.fix().contains("-Dcolumn="), column.fix());
        assertFalse(Files.exists(dir()) && dir().toFile().list().length > 0, "nothing written");
    }

    @Test
    void namesTellTableColumnAndReferences() {
        assertEquals(Map.of("object", "user_profiles", "table", "user_profiles"), Naming.derive("add_user_profiles"));
        Map<String, String> fk = Naming.derive("add_account_id_fk_to_invoices");
        assertEquals("invoices", fk.get("table"));
        assertEquals("account_id", fk.get("column"));
        assertEquals("accounts", fk.get("references"));
        assertEquals("created_at", Naming.derive("add_created_at_index_on_orders").get("column"));
        assertEquals("archived", Naming.derive("add_archived_to_user_status").get("value"));
        assertEquals("user_status", Naming.derive("add_archived_to_user_status").get("object"));
    }

    @Test
    void aForeignKeyDependsOnTheMigrationsOfBothItsTables() throws Exception {
        new Folder(dir()).migration("0001_create_accounts", "create table accounts (id bigint primary key);", "drop table accounts;")
                .migration("0002_create_users", "create table users (id bigint primary key);", "drop table users;")
                .migration("0003_create_orders", "create table orders (id bigint primary key);", "drop table orders;");
        GenerateResult r = gen().generate(req("add_account_id_to_users", "foreign-key"));
        assertTrue(r.ok(), r.problems().toString());
        String deps = Files.readString(dir().resolve("dependencies.json"));
        assertTrue(deps.contains("\"0004_add_account_id_to_users\" : {\n    \"requires\" : [ \"0002_create_users\", \"0001_create_accounts\" ]"),
                deps);
        assertTrue(r.notes().contains("0004_add_account_id_to_users depends on 0001_create_accounts, the newest migration"
                + " that touches accounts"), r.notes().toString());
    }

    @Test
    void updatesTheSumFileDependenciesAndReadme() throws Exception {
        new Folder(dir()).migration("0001_create_users", "create table users (id bigint primary key);", "drop table users;")
                .migration("0002_create_orders", "create table orders (id bigint primary key);", "drop table orders;")
                .file("README.md", "# Users\n\nHand-written intro.\n");
        SumFile.write(MigrationReader.read(dir()));
        GenerateResult r = gen().generate(req("add_nickname_to_users", "column"));
        assertTrue(r.ok(), r.problems().toString());
        assertTrue(r.updated().contains(dir().resolve("migrations.sum")));
        assertTrue(Files.readString(dir().resolve("migrations.sum")).contains("0003_add_nickname_to_users.up.sql"));
        String deps = Files.readString(dir().resolve("dependencies.json"));
        assertTrue(deps.contains("\"0003_add_nickname_to_users\" : {\n    \"requires\" : [ \"0001_create_users\" ]"), deps);
        String readme = Files.readString(dir().resolve("README.md"));
        assertTrue(readme.startsWith("# Users\n\nHand-written intro."), readme);
        assertTrue(readme.contains("| 0003 | add_nickname_to_users | all | yes | add users.nickname. |"), readme);
        gen().generate(req("add_email_to_users", "column"));
        String again = Files.readString(dir().resolve("README.md"));
        assertEquals(1, again.split("migrations:list:start", -1).length - 1, "the list is replaced, not appended");
        assertTrue(again.contains("0004 | add_email_to_users"));
    }

    @Test
    void aServiceTemplateOverridesAPackagedOneAndAddsTypes() throws Exception {
        new Folder(dir()).file("templates/table.up.sql", "-- ours\ncreate table ${table} (id uuid primary key);\n")
                .file("templates/audit.up.sql", "-- ${name} by ${author}\ncreate table ${table}_audit (id bigint);\n")
                .file("templates/audit.down.sql", "drop table ${table}_audit;\n")
                .file("templates/broken.up.sql", "select 1;\n-- by ${owner}\n");
        GenerateResult table = gen().generate(req("create_users", "table"));
        assertEquals("-- ours\ncreate table users (id uuid primary key);\n", Files.readString(table.written().get(0)));
        assertEquals(1, table.written().size(), "the override has no down file: irreversible");
        assertTrue(gen().types().containsKey("audit"));
        GenerateResult audit = gen().generate(req("create_users", "audit"));
        assertTrue(Files.readString(audit.written().get(0)).contains("create table users_audit"));
        Problem broken = gen().generate(req("create_x", "broken")).problems().get(0);
        assertEquals(dir().resolve("templates/broken.up.sql"), broken.file());
        assertEquals(2, broken.line());
        assertTrue(broken.message().contains("unknown variable ${owner}"), broken.message());
    }
}
