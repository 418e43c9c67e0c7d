package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.RunModes;
import dev.dbmigrations.engine.source.Script;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every rule over a migration's up file, then its down file (where dropping what the up
 * created is expected), keeping track of what each file created so that rules read context.
 */
public final class Linter {

    private final List<Rule> rules;
    private final boolean sessionLockTimeout;

    /**
     * @param sessionLockTimeout the run's session already has a lock_timeout (the environment's
     *                           {@code lockTimeout} in environments.json), so files need not set one
     */
    public Linter(List<Rule> rules, boolean sessionLockTimeout) {
        this.rules = rules;
        this.sessionLockTimeout = sessionLockTimeout;
    }

    public Linter(List<Rule> rules) {
        this(rules, false);
    }

    public Linter(boolean sessionLockTimeout) {
        this(Rules.all(), sessionLockTimeout);
    }

    public Linter() {
        this(Rules.all(), false);
    }

    /**
     * Findings of one migration; those silenced by an ignore directive come back marked ignored.
     *
     * @param ignores rule id → reason, from the up file's directives (they cover both files)
     */
    public List<Finding> lint(Migration m, Map<String, String> ignores) {
        return lint(m, ignores, new Catalog());
    }

    /**
     * As {@link #lint(Migration, Map)}, knowing what the migrations before this one built:
     * {@code catalog} is that state, and this migration's up file is applied to it (pass the same
     * catalog for each migration in version order, as validate does).
     */
    public List<Finding> lint(Migration m, Map<String, String> ignores, Catalog catalog) {
        List<Finding> out = new ArrayList<>();
        LintContext up = new LintContext(m.up().path(), Direction.UP, inTransaction(m.up()));
        up.catalog(catalog);
        if (sessionLockTimeout) {
            up.setLockTimeout();
        }
        run(m.up(), up);
        out.addAll(up.findings());
        if (m.down() != null) {
            LintContext down = up.forDown(m.down().path(), inTransaction(m.down()));
            if (sessionLockTimeout) {
                down.setLockTimeout();
            }
            int savepoint = catalog.savepoint();
            try {
                run(m.down(), down);
            } finally {
                catalog.rollbackTo(savepoint); // the next migration sees the schema the up file left
            }
            out.addAll(down.findings());
        }
        return out.stream().map(f -> ignores.containsKey(f.ruleId()) ? f.ignore() : f).toList();
    }

    /**
     * The ignore directives of a migration's files that name a rule and give a reason, rule id to reason
     * (validate reports the malformed ones).
     */
    public static Map<String, String> ignores(Migration m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Script s : m.down() == null ? List.of(m.up()) : List.of(m.up(), m.down())) {
            for (String ignore : s.ignores()) {
                String[] parts = ignore.split("\\s+", 2);
                if (parts.length == 2 && !parts[1].isBlank()) {
                    out.put(parts[0], parts[1]);
                }
            }
        }
        return out;
    }

    private static boolean inTransaction(Script s) {
        RunMode mode = RunModes.of(s, 0);
        return mode == RunMode.TRANSACTION || mode == RunMode.WRAPPED;
    }

    private void run(Script script, LintContext ctx) {
        // a DO block's body runs with the migration: its statements are read as if written on their own
        List<SqlStatement> written = script.statements();
        List<SqlStatement> all = DoBlock.expand(written);
        java.util.Set<SqlStatement> top = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (all != written) {
            top.addAll(written);
        }
        for (SqlStatement st : all) {
            ctx.insideDoBlock(all != written && !top.contains(st));
            if (StatementKind.isBegin(st)) {
                ctx.explicitTransaction(true);
                continue;
            }
            if (StatementKind.isCommit(st) || StatementKind.isRollback(st)) {
                ctx.explicitTransaction(false);
                continue;
            }
            for (Rule rule : rules) {
                rule.check(st, ctx);
            }
            record(st, ctx);
        }
    }

    /** {@code SET NOT NULL} in this migration: what its down file may give back. */
    private static void recordNotNullCheck(String table, Tokens a, LintContext ctx) {
        int setNotNull = a.find(0, "set", "not", "null");
        if (a.word(0).equals("alter") && setNotNull > 0) {
            ctx.notNullSet(table, a.name(AlterTable.columnAt(a)));
        }
    }

    /** Remembers what the statement created, for the statements after it. */
    private static void record(SqlStatement st, LintContext ctx) {
        ctx.catalog().apply(st);
        String created = Columns.createdTable(st);
        if (!created.isEmpty()) {
            ctx.tableCreated(created);
        }
        for (Columns.Column c : Columns.of(st)) {
            ctx.columnCreated(c.table(), c.name());
        }
        AlterTable alter = AlterTable.parse(st);
        if (alter != null) {
            for (Tokens a : alter.actions()) {
                recordNotNullCheck(alter.table(), a, ctx);
            }
        }
        Tokens t = new Tokens(st.tokens());
        int i = t.at(0, "create", "unique", "index") ? 3 : t.at(0, "create", "index") ? 2 : -1;
        if (i > 0) {
            if (t.word(i).equals("concurrently")) {
                i++;
            }
            ctx.indexCreated(t.name(t.skipIfExists(i)));
        }
    }
}
