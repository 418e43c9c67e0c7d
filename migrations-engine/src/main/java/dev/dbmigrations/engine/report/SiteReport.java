package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.api.DepsResult;
import dev.dbmigrations.engine.api.HistoryResult;
import dev.dbmigrations.engine.api.MigrationStatus;
import dev.dbmigrations.engine.api.StatusResult;
import dev.dbmigrations.engine.lint.Finding;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations report of {@code mvn site} (and {@code migrations:report}): per service, every
 * migration with its state and risk, the durations the history recorded with a chart of the slowest,
 * the dependency graph drawn, and each migration's page. Plain HTML and inline SVG: the page needs no
 * script and no network. The Maven report puts it in the site's frame; {@link #page} wraps it as a
 * standalone file.
 */
public final class SiteReport {

    /**
     * One service: its migrations' docs, and what its database says ({@code status} and {@code history}
     * null with {@code databaseNote} saying why, when it was not read).
     */
    public record Section(String service, String schema, List<MigrationPages.Doc> docs, StatusResult status,
                          HistoryResult history, String databaseNote) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private SiteReport() {
    }

    /** The report's body: an overview when there are several services, each service, the graph. */
    public static String html(List<Section> sections, DepsResult deps) {
        StringBuilder h = new StringBuilder("<div class=\"dbmigrations-report\">\n");
        h.append("<style>.dbmigrations-report table{border-collapse:collapse;margin:0.5em 0 1.5em}"
                + ".dbmigrations-report th,.dbmigrations-report td{border:1px solid #ddd;padding:3px 8px;text-align:left;"
                + "vertical-align:top;font-size:0.92em}.dbmigrations-report td.when{white-space:nowrap}"
                + ".dbmigrations-report td.purpose{max-width:22em;overflow-wrap:anywhere}.dbmigrations-report th{background:#f4f6f8}.dbmigrations-report pre{background:#f8f8f8;"
                + "border:1px solid #e3e3e3;padding:6px;overflow:auto}.risk-high,.risk-critical{color:#b03a2e;font-weight:bold}"
                + ".risk-medium{color:#a66a00}.state-dirty,.state-failed{color:#b03a2e;font-weight:bold}</style>\n");
        if (sections.size() > 1) {
            h.append("<h2>Services</h2>\n<table><tr><th>service</th><th>schema</th><th>migrations</th><th>pending</th>"
                    + "<th>high risk</th><th>attempts failed</th><th>database</th></tr>\n");
            for (Section s : sections) {
                long high = s.docs().stream().filter(d -> d.risk().ordinal() >= dev.dbmigrations.engine.api.Risk.HIGH.ordinal())
                        .count();
                h.append("<tr><td><a href=\"#").append(anchor(s.service())).append("\">").append(esc(s.service()))
                        .append("</a></td><td><code>").append(esc(s.schema())).append("</code></td><td>").append(s.docs().size())
                        .append("</td><td>").append(s.status() == null ? "?" : s.status().pendingCount()).append("</td><td>")
                        .append(high).append("</td><td>").append(s.history() == null ? "?" : s.history().failures())
                        .append("</td><td>").append(s.status() == null ? esc(s.databaseNote()) : "version " + s.status().version()
                                + (s.status().dirty() ? " (dirty)" : "")).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        for (Section s : sections) {
            section(h, s);
        }
        h.append("<h2>Dependencies</h2>\n<p>Each column is a service, its migrations in version order from the top;"
                + " an arrow goes from a migration to one it requires (dependencies.json). ");
        h.append(deps.errors().isEmpty() ? "" : "<strong>" + deps.errors().size() + " problem(s):</strong> "
                + esc(String.join("; ", deps.errors().stream().map(p -> p.message()).toList())));
        h.append("</p>\n").append(deps.svg());
        for (Section s : sections) {
            h.append("<h2 id=\"").append(anchor(s.service())).append("-pages\">Each migration of ").append(esc(s.service()))
                    .append("</h2>\n");
            for (MigrationPages.Doc d : s.docs()) {
                page(h, s, d);
            }
        }
        return h.append("</div><!-- end of the migrations report -->\n").toString();
    }

    /** A standalone HTML file of the report. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title></head>\n<body style=\"font-family:sans-serif;margin:2em\">\n<h1>" + esc(title) + "</h1>\n"
                + body + "</body></html>\n";
    }

    private static void section(StringBuilder h, Section s) {
        h.append("<h2 id=\"").append(anchor(s.service())).append("\">").append(esc(s.service())).append(" (schema <code>")
                .append(esc(s.schema())).append("</code>)</h2>\n");
        Map<Long, MigrationStatus> byVersion = new LinkedHashMap<>();
        if (s.status() != null) {
            s.status().migrations().forEach(m -> byVersion.put(m.version(), m));
            h.append("<p>Database: version ").append(s.status().version()).append(s.status().dirty() ? ", <strong>dirty</strong>" : "")
                    .append(", ").append(s.status().pendingCount()).append(" pending.</p>\n");
        } else {
            h.append("<p>Database: not read (").append(esc(s.databaseNote())).append("); states and durations are left out.</p>\n");
        }
        h.append("<table><tr><th>version</th><th>migration</th><th>environment</th><th>state</th><th>applied (UTC)</th>"
                + "<th>ms</th><th>risk</th><th>findings</th><th>reversible</th><th>purpose</th></tr>\n");
        for (MigrationPages.Doc d : s.docs()) {
            MigrationStatus st = byVersion.get(d.migration().version());
            String state = st == null ? "" : st.state().label() + (st.checksumMismatch() ? ", edited since" : "");
            h.append("<tr><td>").append(esc(d.migration().versionText())).append("</td><td><a href=\"#")
                    .append(anchor(s.service() + "-" + d.migration().id())).append("\">").append(esc(d.migration().id()))
                    .append("</a></td><td>").append(d.migration().environment() == null ? "all" : esc(d.migration().environment()))
                    .append("</td><td class=\"state-").append(st == null ? "" : st.state().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\">").append(esc(state)).append("</td><td class=\"when\">")
                    .append(st == null || st.appliedAt() == null ? "" : TIME.format(st.appliedAt())).append("</td><td>")
                    .append(st == null || st.executionMillis() == null ? "" : st.executionMillis()).append("</td><td class=\"risk-")
                    .append(d.risk().label()).append("\">").append(d.risk().label()).append("</td><td>").append(d.findings().size())
                    .append("</td><td>").append(d.migration().reversible() ? "yes" : "no").append("</td><td class=\"purpose\">")
                    .append(esc(d.purpose())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (s.history() != null) {
            HistoryResult hr = s.history();
            h.append("<p>History: ").append(hr.entries().size()).append(" recorded attempt(s) read, ").append(hr.failures())
                    .append(" failed.</p>\n");
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            slowest(hr).forEach((id, ms) -> {
                labels.add(id);
                values.add(ms.doubleValue());
            });
            if (!labels.isEmpty()) {
                h.append(Svg.bars(labels, values, "ms", "Slowest migrations of " + s.service() + " (longest successful run of each)"));
            }
        }
    }

    /** Each migration's longest successful up or down, slowest first, at most ten. */
    static Map<String, Long> slowest(HistoryResult hr) {
        Map<String, Long> max = new LinkedHashMap<>();
        for (HistoryResult.Entry e : hr.entries()) {
            if ("success".equals(e.outcome()) && e.millis() != null && e.name() != null
                    && (e.action().equals("up") || e.action().equals("down"))) {
                max.merge(e.name(), e.millis(), Math::max);
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        max.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(10)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static void page(StringBuilder h, Section s, MigrationPages.Doc d) {
        h.append("<h3 id=\"").append(anchor(s.service() + "-" + d.migration().id())).append("\">").append(esc(d.migration().id()))
                .append("</h3>\n");
        if (!d.purpose().isEmpty()) {
            h.append("<p>").append(esc(d.purpose())).append("</p>\n");
        }
        h.append("<table>");
        for (String[] f : d.facts()) {
            h.append("<tr><th>").append(esc(f[0])).append("</th><td>").append(markdown(f[1])).append("</td></tr>");
        }
        h.append("</table>\n");
        if (!d.findings().isEmpty()) {
            h.append("<table><tr><th>file</th><th>line</th><th>rule</th><th>risk</th><th>what</th><th>fix</th></tr>\n");
            for (Finding f : d.findings()) {
                h.append("<tr><td>").append(f.file().equals(d.migration().up().path()) ? "up" : "down").append("</td><td>")
                        .append(f.line()).append("</td><td><code>").append(esc(f.ruleId())).append("</code></td><td class=\"risk-")
                        .append(f.risk().label()).append("\">").append(f.risk().label()).append("</td><td>").append(esc(f.message()))
                        .append("</td><td>").append(esc(f.fix())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<details><summary>Up</summary><pre>").append(esc(d.migration().up().text().strip())).append("</pre></details>\n");
        if (d.migration().reversible()) {
            h.append("<details><summary>Down</summary><pre>").append(esc(d.migration().down().text().strip()))
                    .append("</pre></details>\n");
        }
    }

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)]*)\\)");

    /** The little Markdown of a fact's value: code spans, and links to other migrations' pages as anchors. */
    static String markdown(String md) {
        String out = esc(md);
        Matcher c = CODE.matcher(out);
        out = c.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
        Matcher l = LINK.matcher(out);
        return l.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    static String anchor(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    static String esc(String s) {
        return s == null ? "" : Svg.escape(s);
    }
}
