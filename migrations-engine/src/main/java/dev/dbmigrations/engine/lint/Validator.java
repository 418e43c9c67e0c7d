package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Diagnostic;
import dev.dbmigrations.engine.api.Level;
import dev.dbmigrations.engine.api.MigrationRisk;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.source.Environments;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.ServiceSettings;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.Seeds;
import dev.dbmigrations.engine.source.Script;
import dev.dbmigrations.engine.source.SumFile;
import dev.dbmigrations.engine.sql.PgParser;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.StatementKind;
import dev.dbmigrations.engine.sql.Token;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code migrations:validate} without a database: the folder's structure, dependencies.json,
 * environments.json, migrations.sum, checks of each file's SQL, and every risk rule, each finding
 * made an error, a warning or nothing by the environment's lint strictness.
 */
public final class Validator {

    /** Ids of the checks that are not rules, with their risk (null: always an error; LOW..: by strictness). */
    public static final Map<String, Risk> CHECKS = checks();
    /**
     * Lower snake case: lower-case letters and digits, an underscore only between two of them, and a dot
     * only between two digits, so that a version in the title ({@code 0010_1.9.0_schema}, as Harbor and
     * other golang-migrate folders name theirs) is fine. Read by hand: validate asks it of every migration.
     */
    static boolean snakeCase(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean inside = i > 0 && i < name.length() - 1;
            boolean ok = alnum(c)
                    || (c == '_' && inside && alnum(name.charAt(i - 1)) && alnum(name.charAt(i + 1)))
                    || (c == '.' && inside && digit(name.charAt(i - 1)) && digit(name.charAt(i + 1)));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || digit(c);
    }

    private static Map<String, Risk> checks() {
        Map<String, Risk> m = new LinkedHashMap<>();
        m.put("migration-name-style", Risk.LOW);
        m.put("missing-no-transaction", Risk.LOW);
        m.put("down-incomplete", Risk.MEDIUM);
        m.put("pg-syntax", Risk.CRITICAL);
        return m;
    }

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Files the splitter already found broken (unterminated, unbalanced): PostgreSQL's grammar is not asked about them. */
    private final Set<Path> brokenFiles = new java.util.HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private Strictness strictness;

    /** Validates {@code dir} for {@code environment}; {@code strictness} overrides environments.json when not null. */
    public static ValidationResult validate(Path dir, String service, String environment, Strictness strictness) {
        return validate(dir, service, "public", environment, strictness);
    }

    /** As {@link #validate(Path, String, String, Strictness)}, names resolved for the service's {@code schema}. */
    public static ValidationResult validate(Path dir, String service, String schema, String environment, Strictness strictness) {
        return new Validator().run(dir, service, schema, environment, strictness);
    }

    private ValidationResult run(Path dir, String service, String schema, String environment, Strictness override) {
        MigrationSet set = MigrationReader.read(dir);
        set.problems().forEach(this::error);
        if (!set.skipped().isEmpty()) {
            notes.add(set.skipped().size() + " migration(s) left out of linting because of the errors above: "
                    + String.join(", ", set.skipped()));
        }
        // the same check every goal that changes the database runs before it starts
        ServiceSettings settings = ServiceSettings.read(dir, set.migrations());
        List<Problem> broken = settings.problems(environment);
        broken.forEach(this::error);
        Environments.Policy policy = settings.environments().problems().isEmpty() ? settings.policy(environment) : Environments.Policy.defaults(environment);
        strictness = override != null ? override : policy.lint();
        // seed files of every environment: read and split like migrations (they are not linted: data, not schema)
        Seeds.readAll(dir).problems().forEach(this::error);
        checkSum(set);
        List<MigrationRisk> risks = new ArrayList<>();
        // the engine sets the environment's lockTimeout on the run's session: files need not repeat it
        Linter linter = new Linter(policy.lockTimeout() != null);
        // what the migrations built so far, in version order, for the rules that ask (column types, ...)
        Catalog catalog = new Catalog(schema);
        // the checks of each migration on its own (its name, its pair, each file's SQL and grammar, the down
        // file against the up file) need nothing from the others: they run on the other cores while this
        // thread runs the rules in version order (each migration sees the catalog the ones before it built)
        Set<Path> readBroken = Set.copyOf(brokenFiles);
        Strictness level = strictness;
        List<Migration> all = set.migrations();
        java.util.concurrent.CompletableFuture<List<Checked>> alone = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> all.parallelStream().map(m -> checkAlone(m, level, readBroken)).toList());
        List<List<Finding>> found = new ArrayList<>(all.size());
        try {
            for (Migration m : all) {
                found.add(linter.lint(m, Linter.ignores(m), catalog));
            }
        } catch (RuntimeException | Error e) {
            alone.cancel(false);
            throw e;
        }
        List<Checked> checked;
        try {
            checked = alone.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
        for (int k = 0; k < all.size(); k++) {
            Migration m = all.get(k);
            int before = diagnostics.size();
            diagnostics.addAll(checked.get(k).diagnostics());
            Map<String, String> ignores = checked.get(k).ignores();
            for (Finding f : found.get(k)) {
                add(f.toProblem(), f.risk(), f.ignored());
            }
            // checks that are not rules can be ignored too
            for (int i = before; i < diagnostics.size(); i++) {
                Diagnostic d = diagnostics.get(i);
                if (d.risk() != null && ignores.containsKey(d.problem().check()) && !d.ignored()) {
                    diagnostics.set(i, new Diagnostic(d.problem(), d.risk(), d.level(), true));
                }
            }
            List<Diagnostic> mine = diagnostics.subList(before, diagnostics.size());
            Risk risk = mine.stream().filter(d -> !d.ignored() && d.risk() != null).map(Diagnostic::risk)
                    .max(Comparator.naturalOrder()).orElse(Risk.LOW);
            int ignored = (int) mine.stream().filter(Diagnostic::ignored).count();
            risks.add(new MigrationRisk(m.version(), m.id(), m.environment(), risk, mine.size() - ignored, ignored));
        }
        List<Diagnostic> shown = diagnostics.stream().filter(d -> d.level() != Level.OFF).toList();
        return new ValidationResult(service, environment, strictness, shown, risks, notes);
    }

    /** What the checks of one migration on its own found, and its files' ignore directives. */
    private record Checked(List<Diagnostic> diagnostics, Map<String, String> ignores) {
    }

    private static Checked checkAlone(Migration m, Strictness strictness, Set<Path> broken) {
        Validator v = new Validator();
        v.strictness = strictness;
        v.brokenFiles.addAll(broken);
        Map<String, String> ignores = v.ignores(m);
        v.checkName(m);
        v.checkPair(m);
        v.checkSql(m, m.up());
        if (m.down() != null) {
            v.checkSql(m, m.down());
            v.checkDownUndoesUp(m);
        }
        return new Checked(v.diagnostics, ignores);
    }

    private void error(Problem p) {
        if (p.file() != null && (p.check().equals(Check.SQL_SYNTAX.id()) || p.check().equals(Check.UNBALANCED_PARENTHESES.id()))) {
            brokenFiles.add(p.file());
        }
        diagnostics.add(new Diagnostic(p, null, Level.ERROR, false));
    }

    private void warning(Problem p) {
        diagnostics.add(new Diagnostic(p, null, Level.WARNING, false));
    }

    private void add(Problem p, Risk risk, boolean ignored) {
        diagnostics.add(new Diagnostic(p, risk, strictness.levelOf(risk), ignored));
    }

    private Map<String, String> ignores(Migration m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Script s : m.down() == null ? List.of(m.up()) : List.of(m.up(), m.down())) {
            for (String ignore : s.ignores()) {
                String[] parts = ignore.split("\\s+", 2);
                String id = parts[0];
                if (id.isEmpty() || (Rules.byId(id).isEmpty() && !CHECKS.containsKey(id)
                        && !id.equals("transaction-control") && !id.equals("empty-migration"))) {
                    error(Check.IGNORE_DIRECTIVE.at(s.path(), 1, 1, "'-- migrations:ignore " + ignore
                            + "' names no rule", "use a rule id from docs/validation.md, e.g. -- migrations:ignore"
                            + " ban-drop-table the table was archived in 0012"));
                } else if (parts.length < 2 || parts[1].isBlank()) {
                    error(Check.IGNORE_DIRECTIVE.at(s.path(), 1, 1, "'-- migrations:ignore " + id
                            + "' has no reason", "say why it is safe: -- migrations:ignore " + id + " <reason>"));
                } else {
                    out.put(id, parts[1].strip());
                }
            }
        }
        return out;
    }

    private void checkName(Migration m) {
        if (!snakeCase(m.name())) {
            add(Check.MIGRATION_NAME_STYLE.at(m.up().path(), 0, 0, "the name '" + m.name()
                    + "' is not lower snake case", "rename the files to e.g. " + m.versionText() + "_"
                    + m.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "") + ".up.sql"), Risk.LOW, false);
        }
    }

    /** golang-migrate pairs by version; a down file named differently is legal, and worth a rename. */
    private void checkPair(Migration m) {
        if (m.down() == null) {
            return;
        }
        String down = m.down().path().getFileName().toString();
        String expected = m.versionText() + "_" + m.name() + ".down.sql";
        if (!down.equals(expected)) {
            warning(Check.PAIR_NAME.at(m.down().path(), 0, 0, "the down file of version " + m.version() + " is named "
                    + down + " and its up file " + m.up().path().getFileName() + ": they pair by version, as in"
                    + " golang-migrate, so they are one migration, but the names read as two",
                    "rename the down file to " + expected));
        }
    }

    private void checkSql(Migration m, Script s) {
        boolean down = s == m.down();
        if (s.isEmpty() && !(down && !s.text().isBlank())) {
            // a down of comments only says on purpose that rolling back has nothing to undo
            warning(Check.EMPTY_MIGRATION.at(s.path(), 0, 0, down
                    ? "the down file is empty: rolling back does nothing" : "the file has no statement: it is a no-op"
                    + " that is still recorded as applied", down ? "write the statements that undo the up file, or a"
                    + " comment that says why there is nothing to undo" : "write the change, or delete the migration if"
                    + " it is not needed"));
        }
        boolean open = false;
        Token lastBegin = null;
        SqlStatement firstNoTx = null;
        int others = 0;
        for (SqlStatement st : s.statements()) {
            checkParentheses(s, st);
            if (StatementKind.isBegin(st)) {
                open = true;
                lastBegin = st.tokens().get(0);
            } else if (StatementKind.isCommit(st) || StatementKind.isRollback(st)) {
                open = false;
            }
            if (StatementKind.cannotRunInTransaction(st, 0)) {
                firstNoTx = firstNoTx == null ? st : firstNoTx;
            } else if (!StatementKind.isTransactionControl(st) && !StatementKind.isSessionSetting(st)) {
                others++;
            }
        }
        checkGrammar(s);
        if (open) {
            error(Check.UNCLOSED_TRANSACTION.at(s.path(), lastBegin.line(), lastBegin.column(), "BEGIN without COMMIT: the file leaves its transaction open", "end the file with COMMIT"));
        }
        // a file of statements PostgreSQL runs only outside a transaction (CONCURRENTLY, VACUUM ...) runs so
        // on its own, directive or not: only mixing other statements in is worth a word
        if (firstNoTx != null && others > 0 && !s.noTransaction()) {
            Token t = firstNoTx.tokens().get(0);
            add(Check.MISSING_NO_TRANSACTION.at(s.path(), t.line(), t.column(), "this statement cannot run in a transaction, so the whole file runs outside one, statement by"
                            + " statement, with " + others + " other statement(s): a failure half-way leaves some of"
                            + " them applied and the version dirty (up resumes it)",
                    "keep such a statement alone in its migration, or put -- migrations:no-transaction on the first"
                            + " line to say the file is meant to run that way"), Risk.LOW, false);
        }
        RunMode mode = RunModes.of(s, 0);
        if (mode == RunMode.SELF_MANAGED && !open) {
            warning(Check.TRANSACTION_CONTROL.at(s.path(), 0, 0, "the file ends or opens transactions of its own"
                    + " beyond one BEGIN ... COMMIT around everything, so it runs statement by statement as psql would:"
                    + " a failure after its first COMMIT leaves what was committed applied and the version dirty",
                    "make it one BEGIN ... COMMIT around everything (or none: every migration runs in a transaction"
                            + " with its bookkeeping), or split it into migrations"));
        }
    }

    /**
     * The file through PostgreSQL's own grammar, whole, as golang-migrate sends it to the server. Not
     * where the splitter already found the file broken (an unterminated string, unbalanced
     * parentheses): one finding per problem.
     */
    private void checkGrammar(Script s) {
        if (brokenFiles.contains(s.path()) || s.text().isBlank()) {
            return;
        }
        PgParser.SyntaxError e = Grammar.check(s.checksum(), s.text());
        if (e == null) {
            return;
        }
        int offset = Math.max(0, e.offset());
        String before = s.text().substring(0, Math.min(offset, s.text().length()));
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = offset - before.lastIndexOf('\n');
        add(Check.PG_SYNTAX.at(s.path(), e.offset() < 0 ? 0 : line, e.offset() < 0 ? 0 : column, e.message()
                        + " (PostgreSQL " + PgParser.MAJOR + "'s grammar)",
                "correct the statement: the server reports the same error when the file runs (mvn migrations:verify"
                        + " -Dmigrations.verify=syntax checks it on a server of your version)"), Risk.CRITICAL, false);
    }

    /**
     * Whether the build runs in CI: {@code -Dmigrations.ci=true|false}, else the {@code CI} variable that
     * GitHub Actions, GitLab, CircleCI and others set.
     */
    private static boolean continuousIntegration() {
        String ci = System.getProperty("migrations.ci", System.getenv("CI"));
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private void checkParentheses(Script s, SqlStatement st) {
        List<Token> open = new ArrayList<>();
        for (Token t : st.tokens()) {
            if (t.isPunct('(')) {
                open.add(t);
            } else if (t.isPunct(')')) {
                if (open.isEmpty()) {
                    error(Check.UNBALANCED_PARENTHESES.at(s.path(), t.line(), t.column(), "')' without a matching '('", "remove it or add the missing '('"));
                    return;
                }
                open.remove(open.size() - 1);
            }
        }
        if (!open.isEmpty()) {
            Token t = open.get(open.size() - 1);
            error(Check.UNBALANCED_PARENTHESES.at(s.path(), t.line(), t.column(), "'(' is never closed in this statement", "add the missing ')'"));
        }
    }

    private void checkDownUndoesUp(Migration m) {
        Set<String> tables = createdTables(m.up());
        Set<String> indexes = createdIndexes(m.up());
        Set<String> dropped = new java.util.HashSet<>();
        for (SqlStatement st : m.down().statements()) {
            Tokens t = new Tokens(st.tokens());
            if (t.at(0, "drop", "table") || t.at(0, "drop", "index") || t.at(0, "drop", "materialized", "view")) {
                int i = t.word(1).equals("materialized") ? 3 : 2;
                if (t.word(i).equals("concurrently")) {
                    i++;
                }
                for (Tokens name : t.splitOnCommas(t.skipIfExists(i), t.size())) {
                    dropped.add(name.name(0));
                }
            }
        }
        for (String table : tables) {
            // by the last part of the name: the up may say app.users and the down users
            if (!dropped.contains(table.substring(table.lastIndexOf('.') + 1))) {
                add(Check.DOWN_INCOMPLETE.at(m.down().path(), 0, 0, "the up file creates table " + table
                        + " but the down file never drops it", "add DROP TABLE IF EXISTS " + table + "; to the down file"),
                        Risk.MEDIUM, false);
            }
        }
        for (Map.Entry<String, String> index : indexesWithTables(m.up()).entrySet()) {
            if (!dropped.contains(index.getKey()) && !dropped.contains(index.getValue()) && indexes.contains(index.getKey())) {
                add(Check.DOWN_INCOMPLETE.at(m.down().path(), 0, 0, "the up file creates index " + index.getKey()
                        + " but the down file never drops it", "add DROP INDEX CONCURRENTLY IF EXISTS " + index.getKey()
                        + "; to the down file"), Risk.MEDIUM, false);
            }
        }
    }

    private static Set<String> createdTables(Script s) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (SqlStatement st : s.statements()) {
            String t = Columns.createdTable(st);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static Set<String> createdIndexes(Script s) {
        return indexesWithTables(s).keySet();
    }

    /** Index name → table, for every named CREATE INDEX of the file. */
    private static Map<String, String> indexesWithTables(Script s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SqlStatement st : s.statements()) {
            Tokens t = new Tokens(st.tokens());
            int i = t.at(0, "create", "unique", "index") ? 3 : t.at(0, "create", "index") ? 2 : -1;
            if (i < 0) {
                continue;
            }
            if (t.word(i).equals("concurrently")) {
                i++;
            }
            i = t.skipIfExists(i);
            if (t.word(i).equals("on")) {
                continue; // unnamed index
            }
            String name = t.name(i);
            int on = t.find(i, "on");
            if (on > 0) {
                out.put(name, t.name(t.word(on + 1).equals("only") ? on + 2 : on + 1));
            }
        }
        return out;
    }

    private void checkSum(MigrationSet set) {
        List<Problem> problems = new ArrayList<>();
        SumFile.Sum sum = SumFile.read(set.dir(), problems);
        problems.forEach(this::error);
        Path file = set.dir().resolve(SumFile.FILE);
        if (sum == null) {
            if (problems.isEmpty()) {
                notes.add("No " + SumFile.FILE + " in " + set.dir() + ": run mvn migrations:hash to guard committed"
                        + " migrations against edits and parallel branches against version collisions");
            }
            return;
        }
        if (!sum.totalMatches()) {
            error(Check.SUM_FILE.at(file, Math.max(sum.lineOfTotal(), 1), 1, "the sum line does not match the"
                    + " file lines: migrations.sum was edited by hand or merged badly", "run mvn migrations:hash"));
        }
        Map<String, String> actual = SumFile.entries(set);
        // the migration being written: the newest of the folder. In a relaxed environment, away from CI,
        // its sum may lag behind its edits (generate, then edit, then mvn verify) with a warning; every
        // other migration, and every migration in CI or a stricter environment, must match.
        long newest = set.migrations().stream().mapToLong(Migration::version).max().orElse(-1);
        boolean lenient = strictness == Strictness.RELAXED && !continuousIntegration();
        Map<String, Long> versionOf = new LinkedHashMap<>();
        for (Migration m : set.migrations()) {
            versionOf.put(SumFile.relative(set.dir(), m.up().path()), m.version());
            if (m.down() != null) {
                versionOf.put(SumFile.relative(set.dir(), m.down().path()), m.version());
            }
        }
        long highestCommitted = -1;
        for (Migration m : set.migrations()) {
            if (sum.files().containsKey(SumFile.relative(set.dir(), m.up().path()))) {
                highestCommitted = Math.max(highestCommitted, m.version());
            }
        }
        for (Map.Entry<String, String> e : actual.entrySet()) {
            String expected = sum.files().get(e.getKey());
            Path path = set.dir().resolve(e.getKey());
            boolean beingWritten = lenient && versionOf.get(e.getKey()) == newest;
            if (expected == null) {
                Problem p = Check.SUM_MISSING.at(path, 0, 0, e.getKey() + " is not in migrations.sum",
                        "run mvn migrations:hash after adding a migration, and commit migrations.sum with it");
                if (beingWritten) {
                    warning(p);
                } else {
                    error(p);
                }
            } else if (!expected.equals(e.getValue())) {
                String was = " (recorded " + expected.substring(0, 12) + "..., now " + e.getValue().substring(0, 12) + "...)";
                if (beingWritten) {
                    warning(Check.SUM_MISMATCH.at(path, 0, 0, e.getKey() + " changed since migrations.sum was written"
                            + was + ": fine while you write the newest migration here",
                            "run mvn migrations:hash once it is final, and commit migrations.sum with it: CI and"
                                    + " stricter environments refuse the mismatch"));
                } else {
                    error(Check.SUM_MISMATCH.at(path, 0, 0, e.getKey() + " changed after migrations.sum was written" + was,
                            "restore the file: applied migrations must not change; if it was never applied anywhere,"
                                    + " run mvn migrations:hash"));
                }
            }
        }
        for (String listed : sum.files().keySet()) {
            // a file the reader set aside (a duplicate version, a bad name) is still in the folder
            if (!actual.containsKey(listed) && !java.nio.file.Files.exists(set.dir().resolve(listed))) {
                error(Check.SUM_MISMATCH.at(file, sum.lines().get(listed), 1, listed + " is in migrations.sum but"
                        + " not in the folder", "restore the file, or run mvn migrations:hash if it was removed on purpose"));
            }
        }
        for (Migration m : set.migrations()) {
            if (!sum.files().containsKey(SumFile.relative(set.dir(), m.up().path())) && m.version() < highestCommitted) {
                warning(Check.OUT_OF_ORDER.at(m.up().path(), 0, 0, m.id() + " is new but numbered below " + highestCommitted
                        + ", which is already committed: databases that applied " + highestCommitted
                        + " will see it out of order", "renumber it above " + highestCommitted
                        + " (mvn migrations:generate picks the next version), or apply with -Dmigrations.outOfOrder=true"));
            }
        }
    }
}
