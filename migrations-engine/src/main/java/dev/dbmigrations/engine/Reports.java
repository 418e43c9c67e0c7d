package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.api.ValidationResult;
import dev.dbmigrations.engine.report.RunReport;
import dev.dbmigrations.engine.report.StatusFormatter;
import dev.dbmigrations.engine.report.ValidationReport;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine's renderings of its results, for a front end such as the Maven plugin: log lines,
 * tables, JSON and SARIF. With {@link Migrations} and {@link Reactor} it is all a front end needs
 * besides the {@code api} package.
 */
public final class Reports {

    private Reports() {
    }

    /** A finding's log line and the fix under it, and whether it is an error. */
    public record Finding(boolean error, String text, String fix) {
    }

    /** A run's report, {@code target/migrations/<command>-<schema>.json}. */
    /** The migrations report's body ({@link Reactor#siteReport}) as a standalone HTML page. */
    public static String reportPage(String title, String body) {
        return dev.dbmigrations.engine.report.SiteReport.page(title, body);
    }

    public static String runJson(RunResult r, String service, String environment) {
        return RunReport.json(r, service, environment);
    }

    /** A fleet's run or status as one JSON report. */
    public static String fleetJson(dev.dbmigrations.engine.api.FleetResult r, String service, String schema) {
        return dev.dbmigrations.engine.report.FleetReport.json(r, service, schema);
    }

    /** The targets of a fleet as JSON, with the wave each runs in (0: the canary). */
    public static String targetsJson(List<dev.dbmigrations.engine.api.FleetTarget> targets, List<Integer> waves) {
        return dev.dbmigrations.engine.report.FleetReport.targetsJson(targets, waves);
    }

    public static List<String> statusText(StatusResult r) {
        return StatusFormatter.text(r);
    }

    public static String statusJson(StatusResult r) {
        return StatusFormatter.json(r);
    }

    /** {@code migrations:history} as an aligned table with a summary line. */
    public static List<String> historyText(dev.dbmigrations.engine.api.HistoryResult r) {
        return dev.dbmigrations.engine.report.HistoryReport.text(r);
    }

    /** {@code migrations:history} as JSON. */
    public static String historyJson(dev.dbmigrations.engine.api.HistoryResult r) {
        return dev.dbmigrations.engine.report.HistoryReport.json(r);
    }

    public static List<Finding> validationFindings(ValidationResult r) {
        return ValidationReport.lines(r).stream()
                .map(l -> new Finding(l.diagnostic().isError(), l.text(), l.fix())).toList();
    }

    /** Each migration's risk, header first. */
    public static List<String> riskTable(ValidationResult r) {
        return ValidationReport.riskTable(r);
    }

    /** The findings of each rule or check, the most frequent first; empty when there is none. */
    public static List<String> ruleTable(ValidationResult r) {
        return ValidationReport.ruleTable(r);
    }

    public static String validationJson(ValidationResult r) {
        return ValidationReport.json(r);
    }

    /** {@code migrations:verify}'s result, {@code target/migrations/verify.json}. */
    public static String verifyJson(dev.dbmigrations.engine.api.VerifyResult r) {
        return dev.dbmigrations.engine.report.VerifyReport.json(r);
    }

    /** {@code migrations:verify}'s result as SARIF 2.1.0, paths relative to {@code base}. */
    public static String verifySarif(dev.dbmigrations.engine.api.VerifyResult r, Path base) {
        return dev.dbmigrations.engine.report.VerifyReport.sarif(r, base);
    }

    /** {@code migrations:drift}'s result, {@code target/migrations/drift.json}. */
    public static String driftJson(dev.dbmigrations.engine.api.DriftResult r) {
        return dev.dbmigrations.engine.report.DriftReport.json(r);
    }

    /** SARIF 2.1.0, with paths relative to {@code base}. */
    public static String validationSarif(ValidationResult r, Path base) {
        return ValidationReport.sarif(r, base);
    }
}
