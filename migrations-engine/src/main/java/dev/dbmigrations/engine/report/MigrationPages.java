package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.api.RunMode;
import dev.dbmigrations.engine.lint.Finding;
import dev.dbmigrations.engine.lint.Linter;
import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.RunModes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each migration's page says, once, for the Markdown pages of {@code migrations:docs} and for
 * the site report.
 */
public final class MigrationPages {

    private MigrationPages() {
    }

    /**
     * What the page of one migration says, for the Markdown pages here and the site report: its
     * purpose (the header comment), facts as label and Markdown value, the findings that are not
     * ignored, and its risk (the worst finding in the up file).
     */
    public record Doc(Migration migration, String purpose, List<String[]> facts, List<Finding> findings, Risk risk) {
    }

    /** The docs of every migration of {@code dir}, in version order; empty when the folder cannot be read. */
    public static List<Doc> docs(Path dir, String service, String schema) {
        MigrationSet set = MigrationReader.read(dir);
        return set.ok() ? docs(dir, service, schema, set, Dependencies.read(dir, set.migrations())) : List.of();
    }

    public static List<Doc> docs(Path dir, String service, String schema, MigrationSet set, Dependencies deps) {
        List<Doc> out = new ArrayList<>();
        dev.dbmigrations.engine.lint.Catalog catalog = new dev.dbmigrations.engine.lint.Catalog();
        for (Migration m : set.migrations()) {
            List<Finding> findings = new Linter().lint(m, Linter.ignores(m), catalog).stream().filter(f -> !f.ignored())
                    .toList();
            Risk risk = findings.stream().filter(f -> f.file().equals(m.up().path())).map(Finding::risk)
                    .max(Comparator.naturalOrder()).orElse(Risk.LOW);
            RunMode mode = RunModes.of(m.up(), 0);
            List<String> requires = deps.of(m.version()).map(e -> e.requires().stream().map(r -> r.local()
                    ? link(set, r.version()) : r.service() + ":" + r.text()).toList()).orElse(List.of());
            List<String> requiredBy = deps.entries().values().stream()
                    .filter(e -> e.requires().stream().anyMatch(r -> r.local() && r.version() == m.version()))
                    .map(e -> link(set, e.version())).toList();
            List<String[]> facts = List.of(
                    new String[] {"service", service + " (schema `" + schema + "`)"},
                    new String[] {"environment", m.environment() == null ? "every environment" : m.environment() + " only"},
                    new String[] {"runs", describe(mode)},
                    new String[] {"reversible", m.reversible() ? "yes: `" + dir.relativize(m.down().path()) + "`"
                            : "no: there is no down file"},
                    new String[] {"risk", risk.label()},
                    new String[] {"requires", requires.isEmpty() ? "nothing declared" : String.join(", ", requires)},
                    new String[] {"required by", requiredBy.isEmpty() ? "nothing in this service" : String.join(", ", requiredBy)},
                    new String[] {"checksum", "`" + m.up().checksum() + "`"});
            out.add(new Doc(m, purpose(m.up().text()), facts, findings, risk));
        }
        return out;
    }

    /** The {@code Purpose:} of a file's header comment, or "". */
    public static String purpose(String text) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                if (!l.isEmpty()) {
                    break;
                }
                continue;
            }
            int i = l.indexOf("Purpose:");
            if (i >= 0) {
                return l.substring(i + "Purpose:".length()).strip();
            }
        }
        return "";
    }

    private static String link(MigrationSet set, long version) {
        return set.byVersion(version).map(x -> "[" + x.id() + "](" + x.id() + ".md)").orElse(Long.toString(version));
    }

    private static String describe(RunMode mode) {
        return switch (mode) {
            case TRANSACTION -> "in one transaction with its bookkeeping: applied whole or not at all";
            case WRAPPED -> "in one transaction (the file's own BEGIN/COMMIT are dropped)";
            case NO_TRANSACTION -> "outside a transaction, statement by statement; a failure leaves the version dirty";
            case SELF_MANAGED -> "statement by statement, the file controls its transactions";
        };
    }
}
