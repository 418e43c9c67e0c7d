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
            "a .sql file whose name is not {version}_{title}.up.sql or .down.sql",
            "Rename the file to `{version}_{title}.up.sql` or `.down.sql` (`0007_add_user_email.up.sql`); keep files that are not migrations out of the folder."),
    DUPLICATE_VERSION("duplicate-version", Level.ERROR, "orchestrator.md#files-and-versions",
            "two up files, or two down files, with one version (every file is named)",
            "Give one of the two the next free number with `git mv` (`migrations:generate` prints it), keep the one already applied anywhere, then run `mvn migrations:hash`."),
    DOWN_WITHOUT_UP("down-without-up", Level.ERROR, "orchestrator.md#files-and-versions",
            "a down file with no up file, or the two files of a version in different environment folders",
            "Add the up file of that version, delete the stray down file, or move the pair into one folder."),
    ENCODING("encoding", Level.ERROR, "orchestrator.md#files-and-versions", "a file that is not UTF-8",
            "Save the file as UTF-8 (`iconv -f LATIN1 -t UTF-8 old.sql > new.sql`), then run `mvn migrations:hash`."),
    READ("read", Level.ERROR, "orchestrator.md#files-and-versions", "a file that cannot be read",
            "Check that the user running Maven can read the file (`ls -l`), and that it is a regular file, not a broken link."),
    FOLDER("folder", Level.ERROR, "orchestrator.md#files-and-versions",
            "the migrations folder is missing or cannot be listed",
            "Create the folder with `mvn migrations:generate -Dmigrations.name=...`, or point `-Dmigrations.dir` (the plugin's `dir`) at it; a goal that changes a database refuses rather than see an empty plan."),
    ENVIRONMENT_FOLDER("environment-folder", Level.ERROR, "environments.md#environment-folders",
            "a subfolder with migrations for an environment environments.json does not define",
            "Rename the subfolder to an environment that environments.json defines (the message lists them), or define that environment there."),
    DIRECTIVE("directive", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "an unknown `-- migrations:` directive",
            "Spell it as one of `-- migrations:no-transaction`, `-- migrations:self-managed` or `-- migrations:ignore <id> <reason>`, in the header comments of the up file."),
    // SQL, offline
    SQL_SYNTAX("sql-syntax", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "an unterminated string, quoted identifier, comment or dollar quote",
            "Close the string, quoted identifier, comment or dollar quote that opens at the position given."),
    PG_SYNTAX("pg-syntax", null, "validation.md#postgresqls-own-parser",
            "a file that PostgreSQL's own grammar (17) rejects, with its message and position",
            "Fix the SQL at the position given; PostgreSQL's own message says what it expected there. For syntax that only a newer server or an extension accepts, add `-- migrations:ignore pg-syntax <reason>`."),
    UNBALANCED_PARENTHESES("unbalanced-parentheses", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "a `(` never closed, or a `)` never opened, in a statement",
            "Add the `)` or remove the `(` at the position given."),
    UNCLOSED_TRANSACTION("unclosed-transaction", Level.ERROR, "validation.md#checks-of-structure-always-errors",
            "`BEGIN` without `COMMIT`",
            "End the transaction with `COMMIT;`, or drop the `BEGIN`: each file already runs in a transaction of its own."),
    IGNORE_DIRECTIVE("ignore-directive", Level.ERROR, "validation.md#silencing-a-rule-for-one-file",
            "an ignore directive without a reason, or naming no rule",
            "Name a rule or check id and give a reason: `-- migrations:ignore ban-drop-table archived in 0041`."),
    MISSING_NO_TRANSACTION("missing-no-transaction", null, "validation.md#checks-with-a-risk-their-level-follows-strictness",
            "a statement that cannot run in a transaction mixed with others in a file without the directive",
            "Move the statement (`CREATE INDEX CONCURRENTLY`, `VACUUM`, ...) into a migration of its own, or mark the file `-- migrations:no-transaction` if you mean every statement to commit on its own."),
    DOWN_INCOMPLETE("down-incomplete", null, "validation.md#checks-with-a-risk-their-level-follows-strictness",
            "the up file creates a table or named index that the down file never drops",
            "Drop in the down file what the up file creates (`DROP INDEX IF EXISTS ...`, `DROP TABLE IF EXISTS ...`); `migrations:verify` proves the pair."),
    MIGRATION_NAME_STYLE("migration-name-style", null, "validation.md#checks-with-a-risk-their-level-follows-strictness",
            "a name that is not lower snake case",
            "Rename both files in lower snake case (`git mv`), then run `mvn migrations:hash`."),
    EMPTY_MIGRATION("empty-migration", Level.WARNING, "validation.md#warnings-always-warnings",
            "an up file with no statement, or an empty down file",
            "Write the statements, or delete the pair if no database applied it; an applied empty migration may stay."),
    PAIR_NAME("pair-name", Level.WARNING, "validation.md#warnings-always-warnings",
            "the up and down files of one version have different names",
            "Rename one file so that both share one title, then run `mvn migrations:hash`."),
    TRANSACTION_CONTROL("transaction-control", Level.WARNING, "validation.md#warnings-always-warnings",
            "a file that runs as several transactions of its own",
            "Remove `BEGIN`/`COMMIT` and let the tool wrap the file, or mark it `-- migrations:self-managed` if it must commit in parts."),
    OUT_OF_ORDER("out-of-order", Level.WARNING, "validation.md#warnings-always-warnings",
            "a pending migration numbered below an applied (or committed) one",
            "Renumber the new migration above the newest committed one (`git mv`, then `mvn migrations:hash`); where the order truly does not matter, `-Dmigrations.outOfOrder=true` applies it anyway."),
    SUM_FILE("sum-file", Level.ERROR, "validation.md#migrationssum",
            "migrations.sum cannot be read or was edited by hand",
            "Run `mvn migrations:hash` to write it anew; after a merge conflict in it, take either side and run `hash`."),
    SUM_MISSING("sum-missing", Level.ERROR, "validation.md#migrationssum",
            "a migration that migrations.sum does not list",
            "Run `mvn migrations:hash` (`migrations:generate` does it for the files it writes)."),
    SUM_MISMATCH("sum-mismatch", Level.ERROR, "validation.md#migrationssum", "a committed migration that was edited",
            "If no shared database applied the migration yet, run `mvn migrations:hash`; if one did, revert the edit (`git checkout -- <file>`) and put the change in a new migration."),
    // the policy files
    JSON("json", Level.ERROR, "environments.md", "environments.json or dependencies.json is not valid JSON",
            "Fix the JSON at the line and column given; a trailing comma or a missing quote is the usual cause."),
    ENVIRONMENTS("environments", Level.ERROR, "environments.md",
            "environments.json: an unknown key, a bad value, an extends cycle",
            "Fix the key or value named; environments.md lists every key and its values."),
    UNKNOWN_ENVIRONMENT("unknown-environment", Level.ERROR, "environments.md",
            "the run's environment is not one environments.json defines",
            "Run with an environment the file defines (`-Dmigrations.environment=` or the profile that sets it), or define it in environments.json."),
    DEPENDENCIES("dependencies", Level.ERROR, "dependencies.md",
            "dependencies.json: an unknown key or migration, a cycle",
            "Fix the entry named; dependencies.md shows the format (`\"0005\": [\"billing-service:0001\"]`)."),
    CYCLE("cycle", Level.ERROR, "dependencies.md", "the dependency graph across services has a cycle",
            "Remove one of the requirements of the cycle printed; `mvn migrations:deps` draws the graph."),
    MISSING_TARGET("missing-target", Level.ERROR, "dependencies.md",
            "a requirement names a migration another service does not have",
            "Correct the version or service in dependencies.json, or add the migration it names to that service."),
    // what stops a run: the database, the plan, the policy
    DIRTY("dirty", Level.ERROR, "orchestrator.md#resuming-a-migration-that-ran-outside-a-transaction",
            "the database is dirty: a migration outside a transaction stopped half-way and cannot resume",
            "Run `mvn migrations:status` to see the version and the statement it stopped at. If the file is unchanged, rerun `up`: it resumes after the last finished statement. Otherwise put the schema by hand into the state before or after that migration and run `mvn migrations:force -Dmigrations.version=<last version fully applied>`."),
    CHECKSUM_MISMATCH("checksum-mismatch", Level.ERROR, "api-reference.md#up",
            "an applied migration's file was changed",
            "Revert the file to what was applied (`git log -p -- <file>`) and put the change in a new migration; if the edit changes nothing the database needs (a comment), accept it with `mvn migrations:repair`."),
    TRACKING_VERSION("tracking-version", Level.ERROR, "orchestrator.md#tables",
            "the tracking tables were written by a newer release of the plugin",
            "Use the plugin release that wrote the tables, or a newer one (raise the plugin's version in the POM); never edit the tracking tables by hand."),
    UNKNOWN_VERSION("unknown-version", Level.ERROR, "api-reference.md#goto", "a version that no migration has",
            "Pick a version that `mvn migrations:status` lists."),
    VERSION("version", Level.ERROR, "api-reference.md#force", "a version out of range (force takes -1 or more)",
            "Give `-Dmigrations.version` a version number, or -1 for an empty schema."),
    COUNT("count", Level.ERROR, "api-reference.md#down", "a count below 1",
            "Give `-Dmigrations.count` 1 or more (`all` for every applied migration with `down`)."),
    BASELINE("baseline", Level.ERROR, "api-reference.md#baseline",
            "baseline on a schema that already has applied migrations",
            "Baseline only adopts a schema with no tracked migrations; on a tracked schema use `up`, or `force` to declare a version."),
    HAS_DEPENDANTS("has-dependants", Level.ERROR, "dependencies.md",
            "a rollback of a migration that applied migrations require",
            "Roll back first the migrations of other services that require it (the message lists them), or run `down` at the aggregator, which orders the whole rollback."),
    UNMET_DEPENDENCY("unmet-dependency", Level.ERROR, "dependencies.md",
            "a migration whose requirement is neither applied nor pending in the run",
            "Apply the required migration first: deploy that service, or run `up` at the aggregator so one plan orders both."),
    SERVICE_NOT_IN_RUN("service-not-in-run", Level.ERROR, "dependencies.md",
            "a requirement on a service that is not part of the run",
            "Run at the aggregator that holds the required service, or deploy that service first; check the service's name in dependencies.json."),
    IRREVERSIBLE("irreversible", Level.ERROR, "api-reference.md#down",
            "a rollback of a migration that has no down file",
            "Write the down file of that version, or move forward with a new migration that undoes it."),
    MISSING_FILE("missing-file", Level.ERROR, "api-reference.md#down",
            "a rollback of an applied migration whose files are gone",
            "Bring the files back from git (the commit that applied them) and run `down` again."),
    MIGRATION_FAILED("migration-failed", Level.ERROR, "orchestrator.md#how-a-file-runs",
            "a statement of a migration failed on the server (file, line, SQLSTATE)",
            "Read the statement, line and SQLSTATE printed, fix the file and rerun `up`: a transactional migration rolled back whole. A migration outside a transaction left the version dirty (see `dirty`). SQLSTATE 55P03 is a lock timeout: see the section on lock timeouts."),
    MAINTENANCE_WINDOW("maintenance-window", Level.ERROR, "deploy-policy.md#1-maintenance-windows",
            "a run with steps outside the environment's maintenance windows",
            "Deploy inside one of the windows the message lists; in an emergency pass `-Dmigrations.outsideWindow=\"<why>\"`, which the history records."),
    APPROVAL("approval", Level.ERROR, "deploy-policy.md#2-approvals",
            "risky migrations that the environment wants approved",
            "Have someone review the listed migrations and rerun with `-Dmigrations.approvedBy=<name> -Dmigrations.approve=<versions>`."),
    BACKUP_FAILED("backup-failed", Level.ERROR, "backups.md#the-backup-policy",
            "the backup a policy or migrations:backup asked for failed",
            "Read pg_dump's message: pg_dump must be on the PATH (or `-Dmigrations.pgBin`) and at least the server's major version, and the backup folder writable (`-Dmigrations.backupDir`). Nothing was changed."),
    RESTORE("restore", Level.ERROR, "backups.md#restore", "no backup file to restore",
            "Take a backup first (`mvn migrations:backup`), or name one with `-Dmigrations.backupFile=`."),
    RESTORE_CONFIRM("restore-confirm", Level.ERROR, "backups.md#restore",
            "a restore without -Dmigrations.confirm=<schema>",
            "Add `-Dmigrations.confirm=<schema>` to say which schema you mean to replace."),
    RESTORE_DEPENDENTS("restore-dependents", Level.ERROR, "backups.md#restore",
            "a restore while other schemas depend on this one",
            "Roll back or move the schemas that depend on this one first (the message lists them); a restore would break their foreign keys and views."),
    RESTORE_LEFTOVER("restore-leftover", Level.ERROR, "backups.md#restore",
            "a <schema>_before_restore schema left by an earlier release's interrupted restore",
            "Look inside the `<schema>_before_restore` schema, keep what you need, drop it (`DROP SCHEMA ... CASCADE`), then restore again."),
    CLEAN_ENVIRONMENT("clean-environment", Level.ERROR, "api-reference.md#clean",
            "migrations:clean outside the development environment",
            "`clean` runs only in development; on other environments roll back with `down` or `goto`."),
    CLEAN_CONFIRM("clean-confirm", Level.ERROR, "api-reference.md#clean",
            "migrations:clean without -Dmigrations.confirm=<schema>",
            "Add `-Dmigrations.confirm=<schema>` to say which schema you mean to drop."),
    CLEAN_DEPENDENTS("clean-dependents", Level.ERROR, "api-reference.md#clean",
            "migrations:clean while other schemas depend on this one",
            "Clean the schemas that depend on this one first (the message lists them)."),
    RESTORE_FAILED("restore-failed", Level.ERROR, "backups.md#restore", "the dump could not be restored (rolled back)",
            "Read the message of psql printed with it; the restore rolled back and the schema is as it was."),
    SEED_FAILED("seed-failed", Level.ERROR, "seeds.md", "a seed file failed (rolled back)",
            "Fix the seed file at the line given and rerun `migrations:seed`; the file rolled back whole."),
    SEED_PENDING("seed-pending", Level.ERROR, "seeds.md", "seeds while migrations are pending",
            "Run `migrations:up` first, or both in one command: `mvn migrations:up migrations:seed`."),
    SEED_TRANSACTION("seed-transaction", Level.ERROR, "seeds.md", "a seed file that controls its own transaction",
            "Remove `BEGIN`/`COMMIT` from the seed file: each seed file runs in one transaction of its own."),
    VERIFY_UP("verify-up", Level.ERROR, "verify.md#what-it-proves",
            "an up file that does not apply on the scratch database",
            "Fix the up file at the statement printed; it failed on a scratch database with every earlier migration applied."),
    VERIFY_DOWN("verify-down", Level.ERROR, "verify.md#what-it-proves",
            "a down file that does not apply right after its up",
            "Fix the down file at the statement printed so it applies right after its up."),
    VERIFY_RESTORE("verify-restore", Level.ERROR, "verify.md#what-it-proves",
            "a down file that does not give back the catalog from before its up (each object that differs is listed)",
            "Make the down file undo each object listed (a sequence, a type, a default or an index left behind is typical)."),
    VERIFY_UP_AGAIN("verify-up-again", Level.ERROR, "verify.md#what-it-proves",
            "an up file that does not apply again after its down, or gives another catalog the second time",
            "Make the down file undo everything its up did, so that the up applies again and gives the same catalog."),
    VERIFY_IRREVERSIBLE("verify-irreversible", Level.WARNING, "verify.md#what-it-proves",
            "a migration without a down file: its rollback cannot be proven",
            "Write a down file, or accept that this migration's rollback is a new forward migration."),
    TRACE_MISMATCH("trace-mismatch", Level.WARNING, "verify.md#traced-locks-and-rewrites",
            "a rewrite PostgreSQL did that the lint did not predict, or one the lint predicted that did not happen",
            "Nothing to fix in the migration: the lint's prediction was wrong for this statement. Report it with the statement, or ignore it with a reason."),
    DRIFT("drift", Level.ERROR, "verify.md#drift",
            "the live schema differs from a replay of its applied migrations (each object is listed)",
            "Put each hand change listed into a new migration, or undo it on the database; `drift` never changes the target."),
    RUN_FAILED("run-failed", Level.ERROR, "api-reference.md#run-reports",
            "the run could not connect or take the lock (run reports)",
            "Check the URL, user, password and network (the message has the driver's error); for the lock, another run holds it: wait, or raise `-Dmigrations.lockTimeout`."),
    // fleets (docs/fleet.md)
    FLEET_TARGETS("fleet-targets", Level.ERROR, "fleet.md#targets",
            "a fleet whose targets cannot be listed: a discovery that fails or finds none, a variable not set, a target named twice",
            "Run `mvn migrations:targets -P<env>` to see what the fleet reaches; fix the discovery query, the `${env.NAME}` variable or the URL the message names. Nothing ran on any target."),
    FLEET_ONE_TARGET("fleet-one-target", Level.ERROR, "fleet.md#one-target-of-a-fleet",
            "a goal that works on one database, in an environment whose runs reach a fleet, with no single target named",
            "Name the target with `-Dmigrations.select=<name>` as `mvn migrations:targets -P<env>` prints it (`db2:5432/app/tenant_7`)."),
    FLEET_NOT_STARTED("fleet-not-started", Level.ERROR, "fleet.md#failures-and-resumption",
            "a target of a fleet that was not started because an earlier target failed (onFailure: stop)",
            "Fix the failed target (its own problem says how), then run the same command again: targets already done are a no-op, the rest run."),
    // generate and docs
    GENERATE_NAME("name", Level.ERROR, "migration-types.md", "migrations:generate without a lower snake case name",
            "Pass a lower snake case name: `-Dmigrations.name=add_user_email`."),
    GENERATE_TYPE("type", Level.ERROR, "migration-types.md", "migrations:generate with an unknown type",
            "Pass one of the types the message lists (`-Dmigrations.type=index`), or add a template of your own."),
    GENERATE_ONLY("only", Level.ERROR, "migration-types.md",
            "migrations:generate for a folder that is not an environment",
            "Generate into the service's folder, or into a subfolder of an environment environments.json defines."),
    VERSION_FORMAT("version-format", Level.ERROR, "migration-types.md",
            "the folder's versions do not show how to number the next one",
            "Name the first migrations with the numbering you want (`0001_` or a timestamp), or pass `-Dmigrations.versionFormat`."),
    FILE_EXISTS("exists", Level.ERROR, "migration-types.md", "migrations:generate would overwrite a file",
            "Pick another name, or delete the file you mean to replace."),
    TEMPLATE_VARIABLE("template-variable", Level.ERROR, "migration-types.md",
            "a template variable that is unknown or not given",
            "Pass each variable the template needs (`-Dtable=users -Dcolumn=email`), spelled as the template's page lists them."),
    DOCS("docs", Level.ERROR, "migration-docs.md", "the migration docs cannot be written",
            "Check that `migrations/docs/` is writable; the message has the file and the error."),
    DOCS_STALE("docs-stale", Level.ERROR, "migration-docs.md",
            "migration docs that are out of date (-Dmigrations.check=true)",
            "Run `mvn migrations:docs` and commit the pages.");

    private final String id;
    private final Level level;
    private final String docs;
    private final String summary;
    private final String wayOut;

    Check(String id, Level level, String docs, String summary, String wayOut) {
        this.id = id;
        this.level = level;
        this.docs = docs;
        this.summary = summary;
        this.wayOut = wayOut;
    }

    /**
     * What a user does about it, in general (each problem also carries a fix for its own case);
     * docs/troubleshooting.md lists them all.
     */
    public String wayOut() {
        return wayOut;
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
