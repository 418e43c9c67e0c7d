package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rules know about the file around a statement: tables created earlier in the same
 * migration (altering or indexing them is not risky: nobody uses them yet), whether a
 * {@code lock_timeout} was set before, whether the file runs in a transaction.
 */
public final class LintContext {

    private final Path file;
    private final Direction direction;
    private final boolean inTransaction;
    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> createdIndexes = new HashSet<>();
    private final Set<String> createdColumns = new HashSet<>();
    private final Set<String> notNullSet = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>();
    private Catalog catalog = new Catalog();
    private boolean lockTimeoutSet;
    private boolean explicitTransactionOpen;
    /** The strongest traffic-blocking lock the file's open transaction holds on an existing table, its table and line; or null. */
    private LockModel.Lock heldLock;
    private String heldTable;
    private int heldLine;
    /** Enum values added by ALTER TYPE ... ADD VALUE in the open transaction, as their string constants, to the line that added each. */
    private final java.util.Map<String, Integer> enumValuesAdded = new java.util.HashMap<>();
    /** Types created by this file (CREATE TYPE ... AS ENUM): their new values may be used at once. */
    private final Set<String> createdTypes = new HashSet<>();

    public LintContext(Path file, Direction direction, boolean inTransaction) {
        this.file = file;
        this.direction = direction;
        this.inTransaction = inTransaction;
    }

    /** The context of a down file: what its up file created may be dropped without risk. */
    public LintContext forDown(Path downFile, boolean downInTransaction) {
        LintContext down = new LintContext(downFile, Direction.DOWN, downInTransaction);
        down.createdTables.addAll(createdTables);
        down.createdIndexes.addAll(createdIndexes);
        down.createdColumns.addAll(createdColumns);
        down.notNullSet.addAll(notNullSet);
        down.catalog = catalog; // the linter undoes what the down file changes (Catalog.savepoint)
        return down;
    }

    /**
     * The folder's schema as the migrations before this one built it, and this file's statements so
     * far (for a down file: after its up file).
     */
    public Catalog catalog() {
        return catalog;
    }

    void catalog(Catalog catalog) {
        this.catalog = catalog;
    }

    public Path file() {
        return file;
    }

    public Direction direction() {
        return direction;
    }

    /** The file runs inside a transaction: the tool's own, or a BEGIN of the file that is still open. */
    public boolean inTransaction() {
        return inTransaction || explicitTransactionOpen;
    }

    public boolean explicitTransactionOpen() {
        return explicitTransactionOpen;
    }

    private boolean insideDoBlock;

    /** The statement comes from the body of a DO block (see {@link DoBlock}): it runs as part of a function call. */
    public boolean insideDoBlock() {
        return insideDoBlock;
    }

    void insideDoBlock(boolean inside) {
        this.insideDoBlock = inside;
    }

    void explicitTransaction(boolean open) {
        this.explicitTransactionOpen = open;
        if (!open) {
            heldLock = null; // COMMIT or ROLLBACK gives the locks back
            enumValuesAdded.clear(); // and makes added enum values usable
        }
    }

    /**
     * The strongest lock that blocks ordinary traffic (SHARE or stronger) which the transaction open at
     * this statement holds on an existing table, taken by an earlier statement of the file; or null.
     */
    public LockModel.Lock heldLock() {
        return heldLock;
    }

    /** The table of {@link #heldLock()}. */
    public String heldLockTable() {
        return heldTable;
    }

    /** The line of the statement that took {@link #heldLock()}. */
    public int heldLockLine() {
        return heldLine;
    }

    /** {@code lock} on {@code table} is now held until the transaction ends; the strongest (then the first) is kept. */
    public void lockTaken(LockModel.Lock lock, String table, int line) {
        if (heldLock == null || lock.compareTo(heldLock) > 0) {
            heldLock = lock;
            heldTable = table;
            heldLine = line;
        }
    }

    /** An enum value, as its string constant ({@code 'archived'}), added in the open transaction at {@code line}. */
    public void enumValueAdded(String constant, int line) {
        enumValuesAdded.putIfAbsent(constant, line);
    }

    /** The line that added {@code constant} as an enum value in the open transaction, or null. */
    public Integer enumValueAddedAt(String constant) {
        return enumValuesAdded.get(constant);
    }

    public void typeCreated(String type) {
        createdTypes.add(type);
    }

    /** The type was created earlier in this file. */
    public boolean isNewType(String type) {
        return createdTypes.contains(type);
    }

    /** The table was created earlier in this migration (or, for a down file, by its up file). */
    public boolean isNew(String table) {
        return createdTables.contains(catalog.resolve(table));
    }

    public void tableCreated(String table) {
        createdTables.add(catalog.resolve(table));
    }

    public void indexCreated(String index) {
        createdIndexes.add(index);
    }

    public boolean isNewIndex(String index) {
        return createdIndexes.contains(index);
    }

    public void columnCreated(String table, String column) {
        createdColumns.add(catalog.resolve(table) + "." + column);
    }

    /** The column was added earlier in this migration, or its table is new. */
    public boolean isNewColumn(String table, String column) {
        String resolved = catalog.resolve(table);
        return createdColumns.contains(resolved + "." + column) || createdTables.contains(resolved);
    }

    /**
     * A valid check constraint, or the column's own NOT NULL, proves that the column has no null, so
     * SET NOT NULL skips its scan (PostgreSQL 12+): what the folder's migrations before and this
     * file's statements so far did (see {@link Catalog#provenNotNull}).
     */
    public boolean provenNotNull(String table, String column) {
        return catalog.provenNotNull(table, column);
    }

    /** SET NOT NULL on the column, earlier in this migration (or, for a down file, in its up file). */
    public void notNullSet(String table, String column) {
        notNullSet.add(catalog.resolve(table) + "." + column);
    }

    /** For a down file: its up file made the column NOT NULL, so dropping it gives back what was there before. */
    public boolean notNullSetByUp(String table, String column) {
        return direction == Direction.DOWN && notNullSet.contains(catalog.resolve(table) + "." + column);
    }

    public Set<String> createdIndexes() {
        return Set.copyOf(createdIndexes);
    }

    public Set<String> createdTables() {
        return Set.copyOf(createdTables);
    }

    public boolean lockTimeoutSet() {
        return lockTimeoutSet;
    }

    /** A SET lock_timeout = 0, RESET or DEFAULT: the statements after it wait for locks without limit. */
    public void clearLockTimeout() {
        this.lockTimeoutSet = false;
    }

    public void setLockTimeout() {
        this.lockTimeoutSet = true;
    }

    /** Reports {@code rule} at {@code at} (a token of {@code st}) with the rule's risk and fix. */
    public void report(Rule rule, SqlStatement st, Token at, String message) {
        report(rule, st, at, message, rule.risk());
    }

    public void report(Rule rule, SqlStatement st, Token at, String message, Risk risk) {
        reportWithFix(rule, st, at, message, risk, rule.fix());
    }

    /** A finding whose fix is not the rule's usual one, for a case the usual fix does not suit. */
    public void reportWithFix(Rule rule, SqlStatement st, Token at, String message, Risk risk, String fix) {
        Token where = at != null ? at : st.tokens().get(0);
        findings.add(new Finding(rule.id(), risk, file, where.line(), where.column(), message, fix, false));
    }

    /** Per rule reported once per file: the index of its finding, its first message, and the lines it covers. */
    private final java.util.Map<String, Integer> onceIndex = new java.util.HashMap<>();
    private final java.util.Map<String, String> onceMessage = new java.util.HashMap<>();
    private final java.util.Map<String, List<Integer>> onceLines = new java.util.HashMap<>();

    /**
     * Reports {@code rule} once for the file, at its first occurrence; each later occurrence is added
     * to that finding's message as a line it covers, so one fix (at the first statement) is one finding.
     */
    public void reportOncePerFile(Rule rule, SqlStatement st, Token at, String message) {
        Integer index = onceIndex.get(rule.id());
        if (index == null) {
            onceIndex.put(rule.id(), findings.size());
            onceMessage.put(rule.id(), message);
            onceLines.put(rule.id(), new ArrayList<>());
            report(rule, st, at, message);
            return;
        }
        Token where = at != null ? at : st.tokens().get(0);
        List<Integer> lines = onceLines.get(rule.id());
        lines.add(where.line());
        Finding first = findings.get(index);
        findings.set(index, new Finding(first.ruleId(), first.risk(), first.file(), first.line(), first.column(),
                onceMessage.get(rule.id()) + "; it also covers the statement(s) at line(s) "
                        + String.join(", ", lines.stream().map(String::valueOf).toList()) + " (" + (lines.size() + 1)
                        + " in all)", first.fix(), first.ignored()));
    }

    List<Finding> findings() {
        return findings;
    }
}
