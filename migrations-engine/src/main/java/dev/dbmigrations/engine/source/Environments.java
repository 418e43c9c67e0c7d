package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Durations;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Strictness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * environments.json: per-environment policy, strictly parsed. Every key is optional; an environment
 * inherits the keys it does not set from the one it {@code extends}. See docs/environments.md.
 */
public final class Environments {

    public static final String FILE = "environments.json";
    static final Set<String> KEYS = Set.of("extends", "lint", "approval", "backup", "lockTimeout", "statementTimeout",
            "maintenanceWindows");
    static final Set<String> WINDOW_KEYS = Set.of("days", "from", "to", "zone");
    static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final Set<String> APPROVAL = Set.of("none", "low", "medium", "high", "critical");
    static final Set<String> BACKUP = Set.of("none", "destructive", "always");
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    static final Pattern TIME = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");

    /** One environment's resolved policy (inheritance applied); a null field means "not set". */
    public record Policy(String name, Strictness lint, String approval, String backup, Duration lockTimeout,
                         Duration statementTimeout, List<Window> maintenanceWindows) {
    }

    /**
     * A maintenance window: on each of {@code days}, from {@code from} to {@code to} in {@code zone}. A
     * window whose {@code to} is not after its {@code from} runs past midnight into the next day.
     */
    public record Window(List<java.time.DayOfWeek> days, java.time.LocalTime from, java.time.LocalTime to,
                         java.time.ZoneId zone) {

        /** Whether {@code instant} falls inside the window. */
        public boolean contains(java.time.Instant instant) {
            java.time.ZonedDateTime t = instant.atZone(zone);
            java.time.LocalTime time = t.toLocalTime();
            if (from.isBefore(to)) {
                return days.contains(t.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
            }
            // past midnight: the evening of a listed day, or the early hours of the day after one
            return (days.contains(t.getDayOfWeek()) && !time.isBefore(from))
                    || (days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(to));
        }

        @Override
        public String toString() {
            return String.join(", ", days.stream().map(d -> d.getDisplayName(java.time.format.TextStyle.SHORT,
                    java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT)).toList()) + " " + from + "-" + to + " " + zone;
        }
    }

    private final Map<String, LocatedJson.Node> raw;
    private final List<Problem> problems;

    private Environments(Map<String, LocatedJson.Node> raw, List<Problem> problems) {
        this.raw = raw;
        this.problems = problems;
    }

    public List<Problem> problems() {
        return problems;
    }

    public Set<String> names() {
        return raw.keySet();
    }

    /** Reads {@code dir/environments.json}; a missing file means defaults everywhere. */
    public static Environments read(Path dir) {
        Path file = dir.resolve(FILE);
        List<Problem> problems = new ArrayList<>();
        Map<String, LocatedJson.Node> raw = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return new Environments(raw, problems);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(Problem.at(file, 0, 0, "environments", "cannot read: " + e.getMessage(), "check the file"));
            return new Environments(raw, problems);
        }
        LocatedJson.Node root = LocatedJson.parse(file, text, problems);
        if (root == null) {
            return new Environments(raw, problems);
        }
        if (!root.isObject()) {
            problems.add(LocatedJson.at(file, root, "environments", "the top level must be an object of environments",
                    "write {\"production\": {\"lint\": \"strict\"}}"));
            return new Environments(raw, problems);
        }
        for (LocatedJson.Entry env : root.object().values()) {
            if (!NAME.matcher(env.key()).matches()) {
                problems.add(LocatedJson.at(file, env, "environments", "environment name \"" + env.key() + "\" is not valid",
                        "use lower case letters, digits and _, e.g. production"));
                continue;
            }
            if (!env.value().isObject()) {
                problems.add(LocatedJson.at(file, env.value(), "environments", "environment \"" + env.key()
                        + "\" must be an object", "write \"" + env.key() + "\": {\"lint\": \"strict\"}"));
                continue;
            }
            checkEnvironment(file, env, root, problems);
            raw.put(env.key(), env.value());
        }
        checkCycles(file, root, problems);
        return new Environments(raw, problems);
    }

    private static void checkEnvironment(Path file, LocatedJson.Entry env, LocatedJson.Node root, List<Problem> problems) {
        for (LocatedJson.Entry e : env.value().object().values()) {
            LocatedJson.Node v = e.value();
            switch (e.key()) {
                case "extends" -> {
                    if (!v.isString() || !root.object().containsKey(v.text())) {
                        problems.add(LocatedJson.at(file, v, "environments", "\"extends\" of " + env.key()
                                + " must name another environment of this file", "use one of " + root.object().keySet()));
                    }
                }
                case "lint" -> oneOf(file, env, e, Set.of("relaxed", "standard", "strict"), problems);
                case "approval" -> oneOf(file, env, e, APPROVAL, problems);
                case "backup" -> oneOf(file, env, e, BACKUP, problems);
                case "lockTimeout", "statementTimeout" -> {
                    try {
                        if (!v.isString()) {
                            throw new IllegalArgumentException(e.key() + " must be a string");
                        }
                        Durations.parse(e.key(), v.text());
                    } catch (IllegalArgumentException ex) {
                        problems.add(LocatedJson.at(file, v, "environments", "\"" + e.key() + "\" of " + env.key()
                                + " is not a duration", "write e.g. \"5s\", \"500ms\" or \"15min\""));
                    }
                }
                case "maintenanceWindows" -> checkWindows(file, env.key(), v, problems);
                default -> problems.add(LocatedJson.at(file, e, "environments", "unknown key \"" + e.key() + "\" in "
                        + env.key(), "use one of " + new java.util.TreeSet<>(KEYS)));
            }
        }
    }

    private static void oneOf(Path file, LocatedJson.Entry env, LocatedJson.Entry e, Set<String> allowed,
                              List<Problem> problems) {
        if (!e.value().isString() || !allowed.contains(e.value().text())) {
            problems.add(LocatedJson.at(file, e.value(), "environments", "\"" + e.key() + "\" of " + env.key()
                    + " must be one of " + new java.util.TreeSet<>(allowed), "e.g. \"" + e.key() + "\": \""
                    + new java.util.TreeSet<>(allowed).last() + "\""));
        }
    }

    private static void checkWindows(Path file, String env, LocatedJson.Node v, List<Problem> problems) {
        if (v.kind() != LocatedJson.Kind.ARRAY) {
            problems.add(LocatedJson.at(file, v, "environments", "\"maintenanceWindows\" of " + env + " must be a list",
                    "write [{\"days\": [\"sat\", \"sun\"], \"from\": \"02:00\", \"to\": \"05:00\", \"zone\": \"UTC\"}]"));
            return;
        }
        for (LocatedJson.Node w : v.array()) {
            if (!w.isObject()) {
                problems.add(LocatedJson.at(file, w, "environments", "a maintenance window must be an object",
                        "write {\"days\": [\"sat\"], \"from\": \"02:00\", \"to\": \"05:00\", \"zone\": \"UTC\"}"));
                continue;
            }
            for (LocatedJson.Entry e : w.object().values()) {
                LocatedJson.Node x = e.value();
                switch (e.key()) {
                    case "days" -> {
                        boolean ok = x.kind() == LocatedJson.Kind.ARRAY
                                && x.array().stream().allMatch(d -> d.isString() && DAYS.contains(d.text()));
                        if (!ok) {
                            problems.add(LocatedJson.at(file, x, "environments", "\"days\" must list days as mon ... sun",
                                    "write \"days\": [\"sat\", \"sun\"]"));
                        }
                    }
                    case "from", "to" -> {
                        if (!x.isString() || !TIME.matcher(x.text()).matches()) {
                            problems.add(LocatedJson.at(file, x, "environments", "\"" + e.key() + "\" must be a time HH:MM",
                                    "write \"" + e.key() + "\": \"02:00\""));
                        }
                    }
                    case "zone" -> {
                        try {
                            java.time.ZoneId.of(x.text());
                        } catch (RuntimeException ex) {
                            problems.add(LocatedJson.at(file, x, "environments", "\"zone\" is not a time zone",
                                    "write e.g. \"UTC\" or \"Europe/Berlin\""));
                        }
                    }
                    default -> problems.add(LocatedJson.at(file, e, "environments", "unknown key \"" + e.key()
                            + "\" in a maintenance window", "use days, from, to and zone"));
                }
            }
        }
    }

    private static void checkCycles(Path file, LocatedJson.Node root, List<Problem> problems) {
        for (LocatedJson.Entry env : root.object().values()) {
            Set<String> seen = new LinkedHashSet<>();
            String current = env.key();
            while (current != null && seen.add(current)) {
                LocatedJson.Node n = root.object().containsKey(current) ? root.object().get(current).value() : null;
                LocatedJson.Entry ext = n != null && n.isObject() ? n.object().get("extends") : null;
                current = ext != null && ext.value().isString() ? ext.value().text() : null;
            }
            if (current != null && current.equals(env.key())) {
                problems.add(LocatedJson.at(file, env, "environments", "\"extends\" forms a cycle: "
                        + String.join(" -> ", seen) + " -> " + current, "let one of them extend nothing"));
            }
        }
    }

    /** The resolved policy of {@code environment}; defaults where nothing is set. */
    public Policy policy(String environment) {
        Map<String, LocatedJson.Node> merged = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        String current = environment;
        while (current != null && seen.add(current) && raw.containsKey(current)) {
            LocatedJson.Node n = raw.get(current);
            for (LocatedJson.Entry e : n.object().values()) {
                merged.putIfAbsent(e.key(), e.value());
            }
            LocatedJson.Entry ext = n.object().get("extends");
            current = ext != null && ext.value().isString() ? ext.value().text() : null;
        }
        Strictness lint = merged.containsKey("lint") && merged.get("lint").isString()
                ? safeStrictness(merged.get("lint").text(), environment) : Strictness.defaultFor(environment);
        return new Policy(environment, lint, text(merged, "approval"), text(merged, "backup"),
                duration(merged, "lockTimeout"), duration(merged, "statementTimeout"), windows(merged.get("maintenanceWindows")));
    }

    /** The windows as written; one that does not parse (validate reports it) is left out. */
    private static List<Window> windows(LocatedJson.Node n) {
        List<Window> out = new ArrayList<>();
        if (n == null || n.kind() != LocatedJson.Kind.ARRAY) {
            return out;
        }
        for (LocatedJson.Node w : n.array()) {
            try {
                Map<String, LocatedJson.Entry> o = w.object();
                List<java.time.DayOfWeek> days = !o.containsKey("days") ? List.of(java.time.DayOfWeek.values())
                        : o.get("days").value().array().stream().map(d -> java.time.DayOfWeek.of(
                                List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun").indexOf(d.text()) + 1)).toList();
                out.add(new Window(days, java.time.LocalTime.parse(o.get("from").value().text()),
                        java.time.LocalTime.parse(o.get("to").value().text()),
                        o.containsKey("zone") ? java.time.ZoneId.of(o.get("zone").value().text()) : java.time.ZoneOffset.UTC));
            } catch (RuntimeException e) {
                // malformed: migrations:validate names it with file and line
            }
        }
        return out;
    }

    private static Strictness safeStrictness(String text, String environment) {
        try {
            return Strictness.parse(text);
        } catch (IllegalArgumentException e) {
            return Strictness.defaultFor(environment);
        }
    }

    private static String text(Map<String, LocatedJson.Node> m, String key) {
        LocatedJson.Node n = m.get(key);
        return n != null && n.isString() ? n.text() : null;
    }

    private static Duration duration(Map<String, LocatedJson.Node> m, String key) {
        try {
            String t = text(m, key);
            return t == null ? null : Durations.parse(key, t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
