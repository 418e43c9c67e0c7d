package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.api.Diagnostic;
import dev.dbmigrations.engine.api.Level;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.report.ValidationReport;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.SumFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrations:validate without a database: structure, JSON files, sum file, SQL checks, strictness. */
class ValidatorTest {

    @TempDir
    Path tmp;

    private ValidationResult validate(String env) {
        return Validator.validate(tmp, "user-service", env, null);
    }

    private static Diagnostic only(ValidationResult r, String id) {
        List<Diagnostic> ds = r.diagnostics().stream().filter(d -> d.problem().check().equals(id)).toList();
        assertEquals(1, ds.size(), id + " in " + r.diagnostics());
        return ds.get(0);
    }

    private static boolean has(ValidationResult r, String id) {
        return r.diagnostics().stream().anyMatch(d -> d.problem().check().equals(id));
    }

    private Folder folder() {
        return new Folder(tmp).migration("0001_create_users", "create table users (id bigint generated always as identity primary key);",
                "drop table users;");
    }

    @Test
    void aCleanFolderHasNoFindings() {
        folder();
        ValidationResult r = validate("production");
        assertTrue(r.ok(), r.diagnostics().toString());
        assertEquals(0, r.warnings(), r.diagnostics().toString());
        assertEquals(Risk.LOW, r.migrations().get(0).risk());
        assertEquals(Strictness.STRICT, r.strictness());
        assertTrue(r.notes().get(0).contains("migrations:hash"));
    }

    @Test
    void postgresOwnGrammarPlacesASyntaxErrorWithItsMessage() {
        folder().migration("0002_add_nickname", "set lock_timeout = '5s';\n\nalter tabel users add column nickname text;",
                "alter table users drop column nickname;");
        ValidationResult r = validate("production");
        Diagnostic d = only(r, "pg-syntax");
        assertEquals(Level.ERROR, d.level());
        assertTrue(d.problem().file().endsWith("0002_add_nickname.up.sql"), d.toString());
        assertEquals(3, d.problem().line());
        assertEquals(7, d.problem().column());
        assertEquals("syntax error at or near \"tabel\" (PostgreSQL 17's grammar)", d.problem().message());
        assertFalse(r.ok());
        // a warning where the environment is relaxed, like the other checks with a risk
        assertEquals(Level.WARNING, only(validate("development"), "pg-syntax").level());
    }

    @Test
    void whatTheSplitterAlreadyFoundBrokenIsNotReportedAgain() {
        folder().migration("0002_broken", "select 'never closed;", "select 1;")
                .migration("0003_parens", "create table t (id int;", "drop table t;");
        ValidationResult r = validate("production");
        assertTrue(has(r, "sql-syntax"), r.diagnostics().toString());
        assertTrue(has(r, "unbalanced-parentheses"), r.diagnostics().toString());
        assertFalse(has(r, "pg-syntax"), "one finding per problem: " + r.diagnostics());
    }

    @Test
    void anIgnoreWithAReasonSilencesTheGrammarForAFile() {
        folder().migration("0002_newer_syntax", "-- migrations:ignore pg-syntax needs PostgreSQL 18's virtual columns\n"
                + "set lock_timeout = '5s';\n"
                + "alter table users add column total int generated always as (1) virtul;", "select 1;");
        assertTrue(validate("production").ok(), validate("production").diagnostics().toString());
    }

    @Test
    void seedFilesOfEveryEnvironmentAreReadAndSplit() {
        folder().file("seeds/0001_roles.sql", "insert into roles values ('admin');")
                .file("seeds/staging/0001_demo.sql", "select 1;\ninsert into roles values ('demo);");
        ValidationResult r = validate("production");
        Diagnostic d = only(r, "sql-syntax");
        assertTrue(d.problem().file().endsWith("seeds/staging/0001_demo.sql"), d.toString());
        assertEquals(2, d.problem().line());
        assertFalse(r.ok());
    }

    @Test
    void anEnvironmentWithALockTimeoutNeedsNoneInTheFiles() {
        folder().migration("0002_add_email", "alter table users add column email text;", "alter table users drop column email;");
        assertTrue(has(validate("production"), "require-lock-timeout"));
        new Folder(tmp).file("environments.json", "{\"production\": {\"lockTimeout\": \"5s\"}}");
        assertFalse(has(validate("production"), "require-lock-timeout"), "the engine sets lock_timeout on the session");
        assertTrue(has(validate("staging"), "require-lock-timeout"), "staging sets none");
    }

    @Test
    void strictnessDecidesWhatIsAnError() {
        folder().migration("0002_add_flag", "set lock_timeout = '5s';\nalter table users add column flag boolean not null;",
                "alter table users drop column flag;");
        Diagnostic dev = only(validate("development"), "adding-not-nullable-field");
        assertEquals(Level.WARNING, dev.level());
        Diagnostic prod = only(validate("production"), "adding-not-nullable-field");
        assertEquals(Level.ERROR, prod.level());
        assertEquals(2, prod.problem().line());
        assertEquals(Risk.HIGH, validate("production").migrations().get(1).risk());
        new Folder(tmp).file("environments.json", "{\"production\": {\"lint\": \"relaxed\"}}");
        assertEquals(Level.WARNING, only(validate("production"), "adding-not-nullable-field").level());
        assertEquals(Level.ERROR, only(Validator.validate(tmp, "s", "production", Strictness.STANDARD),
                "adding-not-nullable-field").level());
    }

    @Test
    void anIgnoreNeedsAKnownRuleAndAReason() {
        folder().migration("0002_drop_legacy", "-- migrations:ignore ban-drop-table archived to cold storage in JIRA-12\n"
                + "set lock_timeout = '5s';\ndrop table legacy;", null);
        ValidationResult r = validate("production");
        assertTrue(r.ok(), r.diagnostics().toString());
        assertTrue(only(r, "ban-drop-table").ignored());
        assertEquals(1, r.migrations().get(1).ignored());

        new Folder(tmp).file("0002_drop_legacy.up.sql", "-- migrations:ignore ban-drop-table\nset lock_timeout = '5s';\ndrop table legacy;");
        ValidationResult noReason = validate("production");
        assertTrue(only(noReason, "ignore-directive").problem().message().contains("has no reason"));
        assertFalse(noReason.ok());

        new Folder(tmp).file("0002_drop_legacy.up.sql", "-- migrations:ignore ban-everything because\nselect 1;");
        assertTrue(only(validate("production"), "ignore-directive").problem().message().contains("names no rule"));
    }

    @Test
    void sqlChecks() {
        folder().migration("0002_bad_parens", "select (1;\n", null)
                .migration("0003_empty", "-- nothing yet\n", null)
                .migration("0004_wrapped", "begin;\ninsert into users default values;\ncommit;\n", null)
                .migration("0005_open", "begin;\ninsert into users default values;\n", null)
                .migration("0006_index", "set lock_timeout = '5s';\ncreate index concurrently if not exists users_id on users (id);\n", null)
                .migration("0007_accounts", "create table accounts (id bigint primary key);\ncreate index accounts_x on accounts (id);",
                        "select 1;")
                .migration("0008_two_blocks", "begin;\ninsert into users default values;\ncommit;\nbegin;\n"
                        + "insert into users default values;\ncommit;\n", null)
                .migration("0009_mixed", "create table audit (id bigint primary key);\n"
                        + "create index concurrently audit_x on users (id);\n", null);
        ValidationResult r = validate("production");
        assertEquals(1, only(r, "unbalanced-parentheses").problem().line());
        assertEquals(Level.WARNING, only(r, "empty-migration").level());
        // one BEGIN ... COMMIT around everything runs as it is written: only 0008's two transactions conflict
        Diagnostic control = only(r, "transaction-control");
        assertTrue(control.problem().file().endsWith("0008_two_blocks.up.sql"), control.toString());
        assertEquals(Level.ERROR, only(r, "unclosed-transaction").level());
        // 0006 runs outside a transaction on its own: nothing to say; 0009 mixes in another statement
        Diagnostic mixed = only(r, "missing-no-transaction");
        assertTrue(mixed.problem().file().endsWith("0009_mixed.up.sql"), mixed.toString());
        assertEquals(Level.WARNING, mixed.level());
        assertEquals(2, r.diagnostics().stream().filter(d -> d.problem().check().equals("down-incomplete")).count());
    }

    @Test
    void snakeCaseIsReadAsTheRegularExpressionReadsIt() {
        // letters and digits; _ between two of them; . between two digits (0010_1.9.0_schema)
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile(
                "^(?:[a-z0-9]|(?<=[a-z0-9])_(?=[a-z0-9])|(?<=[0-9])\\.(?=[0-9]))+$");
        assertTrue(Validator.snakeCase("1.9.0_schema") && Validator.snakeCase("add_users") && !Validator.snakeCase("add.users")
                && !Validator.snakeCase("add__users") && !Validator.snakeCase("_x") && !Validator.snakeCase("1.") );
        java.util.Random random = new java.util.Random(11);
        String alphabet = "az09_A-.";
        for (int i = 0; i < 20000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(rule.matcher(b).matches(), Validator.snakeCase(b.toString()), b.toString());
        }
    }

    @Test
    void tableNamesResolveAsTheServiceSearchPathDoes() {
        new Folder(tmp).migration("0001_events", "create table events (id bigint primary key, name text);",
                        "drop table if exists billing.events;")
                .migration("0002_name", "set lock_timeout = '5s';\nalter table billing.events alter column name type varchar;",
                        "set lock_timeout = '5s';\nalter table events alter column name type text;");
        // the service owning billing: billing.events is the table 0001 created, and text to varchar is free
        ValidationResult own = Validator.validate(tmp, "billing", "billing", "production", null);
        assertFalse(has(own, "changing-column-type"), own.diagnostics().toString());
        assertFalse(has(own, "down-incomplete"), own.diagnostics().toString());
        // a folder in public: billing.events is another table, whose column type is not known
        ValidationResult other = Validator.validate(tmp, "billing", "public", "production", null);
        Diagnostic d = only(other, "changing-column-type");
        assertTrue(d.problem().message().contains("billing.events"), d.toString());
    }

    @Test
    void requireLockTimeoutIsOneFindingPerFileAtItsFirstStatement() {
        folder().migration("0002_alter_many", "alter table users add column a text;\nalter table users add column b text;\n"
                + "create index users_a on users (a);\nalter table users add column c text;\n", null);
        ValidationResult r = validate("production");
        Diagnostic d = only(r, "require-lock-timeout");
        assertEquals(1, d.problem().line());
        assertTrue(d.problem().message().endsWith("it also covers the statement(s) at line(s) 2, 3, 4 (4 in all)"),
                d.problem().message());
        assertTrue(ValidationReport.ruleTable(r).stream().anyMatch(l -> l.matches("require-lock-timeout\\s+error\\s+1")),
                ValidationReport.ruleTable(r).toString());
    }

    @Test
    void downFilesPairByVersionWithAWarningWhenTheNamesDiffer() {
        folder().file("0002_add_nickname.up.sql", "alter table users add column nickname text;")
                .file("0002_drop_nickname.down.sql", "alter table users drop column nickname;");
        ValidationResult r = validate("development");
        Diagnostic d = only(r, "pair-name");
        assertEquals(Level.WARNING, d.level());
        assertTrue(d.problem().fix().equals("rename the down file to 0002_add_nickname.down.sql"), d.problem().fix());
        assertEquals(2, r.migrations().size(), "linted like any other");
    }

    @Test
    void migrationsLeftOutAreCounted() {
        folder().migration("0002_a", "select 1;", null).migration("2_b", "select 1;", null);
        ValidationResult r = validate("development");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("1 migration(s) left out of linting because of the errors"
                + " above: 0002_a (version 2 is used twice)")), r.notes().toString());
    }

    @Test
    void namesMustBeLowerSnakeCase() {
        new Folder(tmp).migration("0001_CreateUsers", "select 1;", null);
        Diagnostic d = only(validate("production"), "migration-name-style");
        assertEquals(Level.WARNING, d.level());
        assertTrue(d.problem().fix().contains("0001_create_users.up.sql"), d.problem().fix());
    }

    @Test
    void environmentsJsonIsStrict() {
        folder().file("environments.json", "{\n  \"production\": {\n    \"lint\": \"strict\",\n    \"lockTimeut\": \"5s\"\n  },\n"
                + "  \"staging\": {\"lint\": \"loose\", \"extends\": \"qa\"},\n  \"a\": {\"extends\": \"b\"}, \"b\": {\"extends\": \"a\"}\n}");
        ValidationResult r = validate("production");
        List<Diagnostic> ds = r.diagnostics().stream().filter(d -> d.problem().check().equals("environments")).toList();
        assertEquals(5, ds.size(), ds.toString());
        Diagnostic unknown = ds.get(0);
        assertEquals(4, unknown.problem().line());
        assertEquals(5, unknown.problem().column());
        assertTrue(unknown.problem().message().contains("unknown key \"lockTimeut\""));
        assertTrue(unknown.problem().fix().contains("lockTimeout"));
        assertFalse(r.ok());
    }

    @Test
    void fleetTargetsAreStrictAndNeverHoldAPassword() {
        folder().file("environments.json", String.join("\n", "{",
                "  \"production\": {\"targets\": {",
                "    \"urls\": [\"jdbc:postgresql://db1:5432/app?password=hunter2\", {\"url\": \"${env.SHARD_2}\", \"serverId\": \"db 2\"}, 7],",
                "    \"parallelism\": 0, \"canary\": -1, \"onFailure\": \"retry\", \"schemaPattern\": \"Tenant_%\",",
                "    \"discover\": {\"url\": \"jdbc:postgresql://dir/x\"}, \"wavesize\": 3",
                "  }},",
                "  \"staging\": {\"targets\": {}}",
                "}"));
        ValidationResult r = validate("production");
        List<String> ds = r.diagnostics().stream().filter(d -> d.problem().check().equals("environments"))
                .map(d -> d.problem().line() + ": " + d.problem().message() + " / " + d.problem().fix()).toList();
        assertEquals(10, ds.size(), String.join("\n", ds));
        assertTrue(ds.get(0).startsWith("3: a URL in the targets of production carries a password"), ds.get(0));
        assertFalse(String.join("\n", ds).contains("hunter2"), "a password is never echoed");
        assertTrue(ds.stream().anyMatch(d -> d.contains("\"serverId\" in the targets")), ds.toString());
        assertTrue(ds.stream().anyMatch(d -> d.contains("\"parallelism\" in the targets of production must be a whole"
                + " number from 1 to 64")), ds.toString());
        assertTrue(ds.stream().anyMatch(d -> d.contains("the discovery of production has no \"query\"")), ds.toString());
        assertTrue(ds.stream().anyMatch(d -> d.contains("unknown key \"wavesize\"") && d.contains("did you mean \"waveSize\"")),
                ds.toString());
        assertTrue(ds.stream().anyMatch(d -> d.startsWith("7: the targets of staging name no database")), ds.toString());
        assertFalse(r.ok());
    }

    @Test
    void dependenciesJsonIsStrict() {
        folder().migration("0002_create_orders", "create table orders (id bigint primary key);", "drop table orders;")
                .migration("development/0003_seed", "insert into orders values (1);", null)
                .file("dependencies.json", "{\n\"0002_create_orders\": {\"requires\": [\"0001_create_users\", \"billing-service:0002_create_accounts\","
                        + " \"0009_nope\", \"0003_seed\"], \"after\": []},\n\"0007_ghost\": {}\n}");
        ValidationResult r = validate("production");
        List<String> messages = r.diagnostics().stream().filter(d -> d.problem().check().equals("dependencies"))
                .map(d -> d.problem().line() + ": " + d.problem().message()).toList();
        assertEquals(4, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("2: 0002_create_orders requires \"0009_nope\""), messages.toString());
        assertTrue(messages.get(1).contains("runs only in development"), messages.toString());
        assertTrue(messages.get(2).contains("unknown key \"after\""), messages.toString());
        assertTrue(messages.get(3).startsWith("3: \"0007_ghost\" is not a migration"), messages.toString());
    }

    @Test
    void dependencyCyclesAreErrors() {
        folder().migration("0002_b", "select 1;", null).migration("0003_c", "select 1;", null)
                .file("dependencies.json", "{\"0002_b\": {\"requires\": [\"0003_c\"]}, \"0003_c\": {\"requires\": [\"0002_b\"]}}");
        Diagnostic d = only(validate("development"), "dependencies");
        assertTrue(d.problem().message().contains("cycle: 0002_b -> 0003_c -> 0002_b"), d.problem().message());
    }

    @Test
    void migrationsSumCatchesEditsNewFilesAndOutOfOrder() throws Exception {
        folder().migration("0003_create_orders", "create table orders (id bigint primary key);", "drop table orders;");
        SumFile.write(MigrationReader.read(tmp));
        assertTrue(validate("production").ok(), validate("production").diagnostics().toString());

        new Folder(tmp).file("0001_create_users.up.sql", "create table users (id bigint primary key);");
        assertEquals(Level.ERROR, only(validate("production"), "sum-mismatch").level());
        SumFile.write(MigrationReader.read(tmp));

        new Folder(tmp).migration("0002_from_a_branch", "select 1;", null);
        ValidationResult r = validate("production");
        assertTrue(only(r, "sum-missing").problem().fix().contains("migrations:hash"));
        assertEquals(Level.WARNING, only(r, "out-of-order").level());

        String sum = Files.readString(tmp.resolve("migrations.sum"));
        Files.writeString(tmp.resolve("migrations.sum"), sum.replaceFirst("sum ", "<<<<<<< HEAD\nsum "));
        assertTrue(only(validate("production"), "sum-file").problem().message().contains("merge conflict"));
    }

    @Test
    void theNewestMigrationMayBeEditedAfterGenerateInDevelopmentButNowhereElse() throws Exception {
        String ci = System.getProperty("migrations.ci");
        System.setProperty("migrations.ci", "false");
        try {
            folder();
            new Folder(tmp).migration("0002_add_nickname", "-- write the change here\nselect 1;", "select 1;");
            SumFile.write(MigrationReader.read(tmp));  // as generate leaves it
            new Folder(tmp).migration("0002_add_nickname", "set lock_timeout = '5s';\nalter table users add column nickname text;",
                    "set lock_timeout = '5s';\nalter table users drop column nickname;");
            ValidationResult dev = validate("development");
            assertTrue(dev.ok(), dev.diagnostics().toString());
            assertEquals(2, dev.diagnostics().stream().filter(d -> d.problem().check().equals("sum-mismatch")
                    && d.level() == Level.WARNING).count(), dev.diagnostics().toString());
            assertTrue(dev.diagnostics().get(0).problem().fix().contains("migrations:hash once it is final"));
            assertFalse(validate("production").ok(), "a stricter environment refuses the mismatch");
            System.setProperty("migrations.ci", "true");
            assertFalse(validate("development").ok(), "so does CI");
            System.setProperty("migrations.ci", "false");
            // an older migration is committed, and maybe applied somewhere: an error everywhere
            new Folder(tmp).file("0001_create_users.up.sql", "create table users (id bigint primary key, x int);");
            assertEquals(Level.ERROR, validate("development").diagnostics().stream()
                    .filter(d -> d.problem().file().endsWith("0001_create_users.up.sql")).findFirst().orElseThrow().level());
        } finally {
            if (ci == null) {
                System.clearProperty("migrations.ci");
            } else {
                System.setProperty("migrations.ci", ci);
            }
        }
    }

    @Test
    void aDuplicateVersionBringsNoFalseSumErrors() throws Exception {
        folder().migration("0002_add_nickname", "select 1;", "select 1;");
        SumFile.write(MigrationReader.read(tmp));
        new Folder(tmp).file("0002_add_flag.up.sql", "select 2;");
        ValidationResult r = validate("production");
        assertTrue(has(r, "duplicate-version"), r.diagnostics().toString());
        assertFalse(r.diagnostics().stream().anyMatch(d -> d.problem().message().contains("not in the folder")),
                "the files set aside are still in the folder: " + r.diagnostics());
    }

    @Test
    void reportsRenderEveryFinding() {
        folder().migration("0002_add_flag", "alter table users add column flag boolean not null;", null);
        ValidationResult r = validate("production");
        List<ValidationReport.Line> lines = ValidationReport.lines(r);
        assertTrue(lines.stream().anyMatch(l -> l.text().startsWith(tmp.resolve("0002_add_flag.up.sql") + ":1:30 [adding-not-nullable-field]")),
                lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.fix().startsWith("    fix: ")));
        assertTrue(ValidationReport.riskTable(r).get(2).matches("0002_add_flag\\s+high\\s+all\\s+2"), ValidationReport.riskTable(r).toString());
        assertTrue(ValidationReport.json(r).contains("\"id\" : \"adding-not-nullable-field\""));
        String sarif = ValidationReport.sarif(r, tmp);
        assertTrue(sarif.contains("\"uri\" : \"0002_add_flag.up.sql\""), sarif);
        assertTrue(sarif.contains("\"startLine\" : 1"));
    }
}
