package dev.dbmigrations.engine.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of what the tool checks, other than the lint rules (those are catalogued by their
 * classes, each with its page under docs/lint/): every {@link Problem} is made through one of these,
 * so its id is stable and documented. {@code level} is how {@code migrations:validate} reports it
 * (null: by its risk, as a rule), {@link Level#ERROR} for what stops a goal; {@code docs} is the
 * page and anchor that explain it.
 */
public enum Check {
    // the folder and its files (docs/orchestrator.md)
    FILE_NAME("file-name", Level.ERROR, "orchestrator.md#files-and-versions",
            "a .sql file whose name is not {version}_{title}.up.sql or .down.sql"),
    DUPLICATE_VERSION("duplicate-version", Level.ERROR, "orchestrator.md#files-and-versions",
            "two up files, or two down files, with one version (every file is named)"),
    DOWN_WITHOUT_UP("down-without-up", Level.ERROR, "orchestrator.md#files-and-versions",
            "a down file with no up file, or the two files of a version in different environment folders"),
    ENCODING("encoding", Level.ERROR, "orchestrator.md#files-and-versions", "a file that is not UTF-8"),
    READ("read", Level.ERROR, "orchestrator.md#files-and-versions", "a file that cannot be read"),
    FOLDER("folder", Level.ERROR, "orchestrator.md#files-and-versions",
            "the migrations folder is missing or cannot be listed"),
    ENVIRONMENT_FOLDER("environment-folder", Level.ERROR, "environments.md#environment-folders",
            "a subfolder with migrations for an environment environments.json does not define"),
    DIRECTIVE("directive", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "an unknown `-- migrations:` directive"),
    // SQL, offline
    SQL_SYNTAX("sql-syntax", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "an unterminated string, quoted identifier, comment or dollar quote"),
    PG_SYNTAX("pg-syntax", null, "validation.md#postgresqls-own-parser",
            "a file that PostgreSQL's own grammar (17) rejects, with its message and position"),
    UNBALANCED_PARENTHESES("unbalanced-parentheses", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "a `(` never closed, or a `)` never opened, in a statement"),
    UNCLOSED_TRANSACTION("unclosed-transaction", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "`BEGIN` without `COMMIT`"),
    IGNORE_DIRECTIVE("ignore-directive", Level.ERROR, "validation.md#silencing-a-rule-for-one-file",
            "an ignore directive without a reason, or naming no rule"),
    MISSING_NO_TRANSACTION("missing-no-transaction", null, "validation.md#checks-with-a-risk-their-level-follows-strictness",
            "a statement that cannot run in a transaction mixed with others in a file without the directive"),
    DOWN_INCOMPLETE("down-incomplete", null, "validation.md#checks-with-a-risk-their-level-follows-strictness",
            "the up file creates a table or named index that the down file never drops"),
    MIGRATION_NAME_STYLE("migration-name-style", null, "validation.md#checks-with-a-risk-their-level-follows-strictness",
            "a name that is not lower snake case"),
    EMPTY_MIGRATION("empty-migration", Level.WARNING, "validation.md#warnings-always-warnings",
            "an up file with no statement, or an empty down file"),
    PAIR_NAME("pair-name", Level.WARNING, "validation.md#warnings-always-warnings",
            "the up and down files of one version have different names"),
    TRANSACTION_CONTROL("transaction-control", Level.WARNING, "validation.md#warnings-always-warnings",
            "a file that runs as several transactions of its own"),
    OUT_OF_ORDER("out-of-order", Level.WARNING, "validation.md#warnings-always-warnings",
            "a pending migration numbered below an applied (or committed) one"),
    SUM_FILE("sum-file", Level.ERROR, "validation.md#migrationssum",
            "migrations.sum cannot be read or was edited by hand"),
    SUM_MISSING("sum-missing", Level.ERROR, "validation.md#migrationssum",
            "a migration that migrations.sum does not list"),
    SUM_MISMATCH("sum-mismatch", Level.ERROR, "validation.md#migrationssum", "a committed migration that was edited"),
    // the policy files
    JSON("json", Level.ERROR, "environments.md", "environments.json or dependencies.json is not valid JSON"),
    ENVIRONMENTS("environments", Level.ERROR, "environments.md",
            "environments.json: an unknown key, a bad value, an extends cycle"),
    UNKNOWN_ENVIRONMENT("unknown-environment", Level.ERROR, "environments.md",
            "the run's environment is not one environments.json defines"),
    DEPENDENCIES("dependencies", Level.ERROR, "dependencies.md",
            "dependencies.json: an unknown key or migration, a cycle"),
    CYCLE("cycle", Level.ERROR, "dependencies.md", "the dependency graph across services has a cycle"),
    MISSING_TARGET("missing-target", Level.ERROR, "dependencies.md",
            "a requirement names a migration another service does not have"),
    // what stops a run: the database, the plan, the policy
    DIRTY("dirty", Level.ERROR, "orchestrator.md#resuming-a-migration-that-ran-outside-a-transaction",
            "the database is dirty: a migration outside a transaction stopped half-way and cannot resume"),
    CHECKSUM_MISMATCH("checksum-mismatch", Level.ERROR, "api-reference.md#up",
            "an applied migration's file was changed"),
    TRACKING_VERSION("tracking-version", Level.ERROR, "orchestrator.md#tables",
            "the tracking tables were written by a newer release of the plugin"),
    UNKNOWN_VERSION("unknown-version", Level.ERROR, "api-reference.md#goto", "a version that no migration has"),
    VERSION("version", Level.ERROR, "api-reference.md#force", "a version out of range (force takes -1 or more)"),
    COUNT("count", Level.ERROR, "api-reference.md#down", "a count below 1"),
    BASELINE("baseline", Level.ERROR, "api-reference.md#baseline",
            "baseline on a schema that already has applied migrations"),
    HAS_DEPENDANTS("has-dependants", Level.ERROR, "dependencies.md",
            "a rollback of a migration that applied migrations require"),
    UNMET_DEPENDENCY("unmet-dependency", Level.ERROR, "dependencies.md",
            "a migration whose requirement is neither applied nor pending in the run"),
    SERVICE_NOT_IN_RUN("service-not-in-run", Level.ERROR, "dependencies.md",
            "a requirement on a service that is not part of the run"),
    IRREVERSIBLE("irreversible", Level.ERROR, "api-reference.md#down",
            "a rollback of a migration that has no down file"),
    MISSING_FILE("missing-file", Level.ERROR, "api-reference.md#down",
            "a rollback of an applied migration whose files are gone"),
    MIGRATION_FAILED("migration-failed", Level.ERROR, "orchestrator.md#how-a-file-runs",
            "a statement of a migration failed on the server (file, line, SQLSTATE)"),
    MAINTENANCE_WINDOW("maintenance-window", Level.ERROR, "deploy-policy.md#1-maintenance-windows",
            "a run with steps outside the environment's maintenance windows"),
    APPROVAL("approval", Level.ERROR, "deploy-policy.md#2-approvals",
            "risky migrations that the environment wants approved"),
    BACKUP_FAILED("backup-failed", Level.ERROR, "backups.md#the-backup-policy",
            "the backup a policy or migrations:backup asked for failed"),
    RESTORE("restore", Level.ERROR, "backups.md#restore", "no backup file to restore"),
    RESTORE_CONFIRM("restore-confirm", Level.ERROR, "backups.md#restore",
            "a restore without -Dmigrations.confirm=<schema>"),
    RESTORE_DEPENDENTS("restore-dependents", Level.ERROR, "backups.md#restore",
            "a restore while other schemas depend on this one"),
    RESTORE_LEFTOVER("restore-leftover", Level.ERROR, "backups.md#restore",
            "a <schema>_before_restore schema left by an earlier release's interrupted restore"),
    CLEAN_ENVIRONMENT("clean-environment", Level.ERROR, "api-reference.md#clean",
            "migrations:clean outside the development environment"),
    CLEAN_CONFIRM("clean-confirm", Level.ERROR, "api-reference.md#clean",
            "migrations:clean without -Dmigrations.confirm=<schema>"),
    CLEAN_DEPENDENTS("clean-dependents", Level.ERROR, "api-reference.md#clean",
            "migrations:clean while other schemas depend on this one"),
    RESTORE_FAILED("restore-failed", Level.ERROR, "backups.md#restore", "the dump could not be restored (rolled back)"),
    SEED_FAILED("seed-failed", Level.ERROR, "seeds.md", "a seed file failed (rolled back)"),
    SEED_PENDING("seed-pending", Level.ERROR, "seeds.md", "seeds while migrations are pending"),
    SEED_TRANSACTION("seed-transaction", Level.ERROR, "seeds.md", "a seed file that controls its own transaction"),
    VERIFY_UP("verify-up", Level.ERROR, "verify.md#what-it-proves",
            "an up file that does not apply on the scratch database"),
    VERIFY_DOWN("verify-down", Level.ERROR, "verify.md#what-it-proves",
            "a down file that does not apply right after its up"),
    VERIFY_RESTORE("verify-restore", Level.ERROR, "verify.md#what-it-proves",
            "a down file that does not give back the catalog from before its up (each object that differs is listed)"),
    VERIFY_UP_AGAIN("verify-up-again", Level.ERROR, "verify.md#what-it-proves",
            "an up file that does not apply again after its down, or gives another catalog the second time"),
    VERIFY_IRREVERSIBLE("verify-irreversible", Level.WARNING, "verify.md#what-it-proves",
            "a migration without a down file: its rollback cannot be proven"),
    TRACE_MISMATCH("trace-mismatch", Level.WARNING, "verify.md#traced-locks-and-rewrites",
            "a rewrite PostgreSQL did that the lint did not predict, or one the lint predicted that did not happen"),
    DRIFT("drift", Level.ERROR, "verify.md#drift",
            "the live schema differs from a replay of its applied migrations (each object is listed)"),
    RUN_FAILED("run-failed", Level.ERROR, "api-reference.md#run-reports",
            "the run could not connect or take the lock (run reports)"),
    // generate and docs
    GENERATE_NAME("name", Level.ERROR, "migration-types.md", "migrations:generate without a lower snake case name"),
    GENERATE_TYPE("type", Level.ERROR, "migration-types.md", "migrations:generate with an unknown type"),
    GENERATE_ONLY("only", Level.ERROR, "migration-types.md",
            "migrations:generate for a folder that is not an environment"),
    VERSION_FORMAT("version-format", Level.ERROR, "migration-types.md",
            "the folder's versions do not show how to number the next one"),
    FILE_EXISTS("exists", Level.ERROR, "migration-types.md", "migrations:generate would overwrite a file"),
    TEMPLATE_VARIABLE("template-variable", Level.ERROR, "migration-types.md",
            "a template variable that is unknown or not given"),
    DOCS("docs", Level.ERROR, "migration-docs.md", "the migration docs cannot be written"),
    DOCS_STALE("docs-stale", Level.ERROR, "migration-docs.md",
            "migration docs that are out of date (-Dmigrations.check=true)");

    private final String id;
    private final Level level;
    private final String docs;
    private final String summary;

    Check(String id, Level level, String docs, String summary) {
        this.id = id;
        this.level = level;
        this.docs = docs;
        this.summary = summary;
    }

    /** What it finds, in one line (docs/problems.md lists them all). */
    public String summary() {
        return summary;
    }

    /** The stable id printed in brackets: {@code [dirty]}. */
    public String id() {
        return id;
    }

    /** How validate reports it; null when its level follows the strictness, as a rule's does. */
    public Level level() {
        return level;
    }

    /** The page under docs/ and the anchor that explain it. */
    public String docs() {
        return docs;
    }

    /** A problem of this check about the whole run or the database. */
    public Problem of(String message, String fix) {
        return new Problem(null, 0, 0, id, message, fix, null);
    }

    /** A problem of this check at a place in a file (line and column 0: the whole file). */
    public Problem at(Path file, int line, int column, String message, String fix) {
        return new Problem(file, line, column, id, message, fix, null);
    }

    public static Optional<Check> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
