package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.Catalog;
import dev.dbmigrations.engine.lint.Finding;
import dev.dbmigrations.engine.lint.Linter;
import dev.dbmigrations.engine.source.Environments;
import dev.dbmigrations.engine.source.Migration;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an environment's policy (environments.json) asks of a run before its steps may start:
 * maintenance windows, approvals of risky migrations, backups of destructive ones. Pure: the run
 * passes the clock and what the operator declared. See docs/deploy-policy.md.
 */
public final class DeployPolicy {

    /** Lint rules whose findings mean data can be lost. */
    public static final Set<String> DESTRUCTIVE = Set.of("ban-drop-table", "ban-drop-column", "ban-drop-schema",
            "ban-drop-database", "ban-truncate", "delete-without-where");

    /**
     * What the operator declared for this run.
     *
     * @param approvedBy    who reviewed the risky migrations (null: nobody)
     * @param approved      the versions they approved
     * @param outsideWindow why this run may go outside the maintenance windows (null: it may not)
     */
    public record Declared(String approvedBy, Set<Long> approved, String outsideWindow) {
        public static final Declared NONE = new Declared(null, Set.of(), null);
    }

    private DeployPolicy() {
    }

    /** Why {@code steps} may not start now under {@code policy}; empty when they may. */
    public static List<Problem> check(Environments.Policy policy, List<Plan.PlannedStep> steps, Instant now,
                                      Declared declared) {
        return check(policy, steps, needingApproval(policy, steps), now, declared);
    }

    /** {@link #check} with the steps that need approval already known (a run lints its steps once). */
    public static List<Problem> check(Environments.Policy policy, List<Plan.PlannedStep> steps,
                                      Map<Plan.PlannedStep, Risk> needingApproval, Instant now, Declared declared) {
        List<Problem> problems = new ArrayList<>();
        if (steps.isEmpty()) {
            return problems;
        }
        List<Environments.Window> windows = policy.maintenanceWindows();
        if (!windows.isEmpty() && windows.stream().noneMatch(w -> w.contains(now))
                && (declared.outsideWindow() == null || declared.outsideWindow().isBlank())) {
            problems.add(Check.MAINTENANCE_WINDOW.of(policy.name() + " runs migrations only in its maintenance"
                            + " windows (" + String.join("; ", windows.stream().map(Object::toString).toList()) + "), and it is "
                            + DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC).format(now) + " UTC",
                    "run it inside a window, or in an emergency pass -Dmigrations.outsideWindow=\"<why>\" (recorded in the"
                            + " history)"));
        }
        Map<Plan.PlannedStep, Risk> unapproved = new LinkedHashMap<>(needingApproval);
        unapproved.keySet().removeIf(s -> declared.approvedBy() != null && !declared.approvedBy().isBlank()
                && declared.approved().contains(s.migration().version()));
        if (!unapproved.isEmpty()) {
            problems.add(Check.APPROVAL.of(unapproved.size() + " migration(s) need approval in " + policy.name()
                            + " (approval: " + policy.approval().label() + "): " + String.join(", ", unapproved.entrySet().stream()
                            .map(e -> e.getKey().migration().id() + " " + e.getKey().direction().label() + " ("
                                    + e.getValue().label() + ")").toList()),
                    "after review, run again with -Dmigrations.approvedBy=<reviewer> -Dmigrations.approve="
                            + String.join(",", unapproved.keySet().stream().map(s -> Long.toString(s.migration().version()))
                            .toList())));
        }
        return problems;
    }

    /**
     * What {@code policy} would ask of a run of {@code steps} started at {@code now}, as lines for
     * {@code migrations:status}: the window it is or is not in, the approvals it needs, the backup.
     */
    public static List<String> preview(Environments.Policy policy, List<Plan.PlannedStep> steps, Instant now) {
        return preview(policy, steps, now, List.of(), "public");
    }

    /**
     * As {@link #preview(Environments.Policy, List, Instant)}, the lint knowing the service's {@code folder}
     * and the {@code schema} its unqualified names land in.
     */
    public static List<String> preview(Environments.Policy policy, List<Plan.PlannedStep> steps, Instant now,
                                       List<Migration> folder, String schema) {
        List<String> lines = new ArrayList<>();
        List<Environments.Window> windows = policy.maintenanceWindows();
        if (!windows.isEmpty()) {
            boolean inside = windows.stream().anyMatch(w -> w.contains(now));
            lines.add("maintenance windows " + String.join("; ", windows.stream().map(Object::toString).toList())
                    + ": now " + (inside ? "inside one" : "outside them; an up with steps needs -Dmigrations.outsideWindow=\"<why>\""));
        }
        Map<Plan.PlannedStep, Risk> approvals = needingApproval(policy, steps, folder, schema);
        if (!approvals.isEmpty()) {
            lines.add("approval (" + policy.approval().label() + ") needed for " + String.join(", ", approvals.entrySet().stream()
                    .map(e -> e.getKey().migration().id() + " (" + e.getValue().label() + ")").toList())
                    + ": -Dmigrations.approvedBy=<reviewer> -Dmigrations.approve=" + String.join(",", approvals.keySet()
                    .stream().map(s -> Long.toString(s.migration().version())).toList()));
        }
        if (wantsBackup(policy, steps, folder, schema)) {
            lines.add("an up backs the schema up first (backup: " + policy.backup().label() + ")");
        }
        return lines;
    }

    /** The steps whose risk reaches the environment's {@code approval} level, with that risk. */
    public static Map<Plan.PlannedStep, Risk> needingApproval(Environments.Policy policy, List<Plan.PlannedStep> steps) {
        return needingApproval(policy, steps, List.of(), "public");
    }

    /**
     * As {@link #needingApproval(Environments.Policy, List)}, with the lint knowing what the service's
     * {@code folder} (its migrations for the environment) built before each step in its {@code schema},
     * as validate does.
     */
    public static Map<Plan.PlannedStep, Risk> needingApproval(Environments.Policy policy, List<Plan.PlannedStep> steps,
                                                              List<Migration> folder, String schema) {
        Map<Plan.PlannedStep, Risk> out = new LinkedHashMap<>();
        Risk threshold = policy.approval();
        if (threshold == null) {
            return out;
        }
        Map<Plan.PlannedStep, List<Finding>> findings = findings(steps, folder, policy.lockTimeout() != null, schema);
        for (Plan.PlannedStep s : steps) {
            Risk r = worst(findings.get(s));
            if (r.compareTo(threshold) >= 0) {
                out.put(s, r);
            }
        }
        return out;
    }

    /** Whether the environment's {@code backup} policy wants a backup before {@code steps}. */
    public static boolean wantsBackup(Environments.Policy policy, List<Plan.PlannedStep> steps) {
        return wantsBackup(policy, steps, List.of(), "public");
    }

    /** As {@link #wantsBackup(Environments.Policy, List)}, the lint knowing the service's {@code folder} and {@code schema}. */
    public static boolean wantsBackup(Environments.Policy policy, List<Plan.PlannedStep> steps, List<Migration> folder,
                                      String schema) {
        if (steps.isEmpty()) {
            return false;
        }
        if (policy.backup() == Environments.Backup.ALWAYS) {
            return true;
        }
        if (policy.backup() != Environments.Backup.DESTRUCTIVE) {
            return false;
        }
        // a rollback, or an up file with a finding that loses data (ignored or not: an ignore accepts a lock, not a loss)
        if (steps.stream().anyMatch(s -> s.direction() == Direction.DOWN)) {
            return true;
        }
        return findings(steps, folder, false, schema).values().stream().flatMap(List::stream)
                .anyMatch(f -> DESTRUCTIVE.contains(f.ruleId()));
    }

    /**
     * Lint findings of the file each step runs, with the migration's ignore directives applied, in one
     * pass over {@code folder} in version order so that each step is read knowing what the migrations
     * before it built (the catalog validate uses). An up step lints its up file alone: the down file of
     * an up run is not even read. A step whose migration is not in {@code folder} is read on its own.
     */
    static Map<Plan.PlannedStep, List<Finding>> findings(List<Plan.PlannedStep> steps, List<Migration> folder,
                                                         boolean sessionLockTimeout, String schema) {
        Map<Long, Plan.PlannedStep> byVersion = new java.util.HashMap<>();
        steps.forEach(s -> byVersion.put(s.migration().version(), s));
        long last = steps.stream().mapToLong(s -> s.migration().version()).max().orElse(Long.MIN_VALUE);
        Linter linter = new Linter(sessionLockTimeout);
        Catalog catalog = new Catalog(schema);
        Map<Plan.PlannedStep, List<Finding>> out = new LinkedHashMap<>();
        List<Migration> ordered = folder.stream().filter(m -> m.version() <= last)
                .sorted(Comparator.comparingLong(Migration::version)).toList();
        for (Migration m : ordered) {
            Plan.PlannedStep step = byVersion.get(m.version());
            if (step == null) {
                catalog.applyAll(m.up().statements());
            } else {
                out.put(step, lint(linter, step, catalog));
            }
        }
        for (Plan.PlannedStep s : steps) {
            out.computeIfAbsent(s, x -> lint(linter, x, new Catalog(schema)));
        }
        return out;
    }

    /** The worst finding, not ignored, of the file the step runs read alone; LOW when it has none. */
    static Risk risk(Plan.PlannedStep step, boolean sessionLockTimeout) {
        return worst(findings(List.of(step), List.of(), sessionLockTimeout, "public").get(step));
    }

    /** The worst risk among findings that are not ignored; LOW when there is none. */
    private static Risk worst(List<Finding> findings) {
        return findings.stream().filter(f -> !f.ignored()).map(Finding::risk).max(Comparator.naturalOrder()).orElse(Risk.LOW);
    }

    private static List<Finding> lint(Linter linter, Plan.PlannedStep step, Catalog catalog) {
        Migration m = step.migration();
        Migration linted = step.direction() == Direction.UP
                ? new Migration(m.version(), m.versionText(), m.name(), m.environment(), m.up(), null) : m;
        Path file = step.direction() == Direction.UP ? m.up().path() : m.down().path();
        return linter.lint(linted, Linter.ignores(linted), catalog).stream().filter(f -> file.equals(f.file())).toList();
    }
}
