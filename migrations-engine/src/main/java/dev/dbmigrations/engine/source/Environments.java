package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Durations;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Risk;
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
            "maintenanceWindows", "pushgateway", "alerts", "targets");
    static final Set<String> ALERT_KEYS = Set.of("url", "format", "on", "slowerThan");
    static final Set<String> ALERT_FORMATS = Set.of("json", "slack");
    static final Set<String> ALERT_EVENTS = Set.of("failure", "success", "slow");
    /** A URL as it is, or {@code ${env.NAME}}: read from the environment of the run, so the file holds no secret. */
    static final Pattern URL_OR_ENV = Pattern.compile("^(https?://\\S+|\\$\\{env\\.[A-Za-z_][A-Za-z0-9_]*\\})$");
    static final Set<String> WINDOW_KEYS = Set.of("days", "from", "to", "zone");
    static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final Set<String> APPROVAL = Set.of("none", "low", "medium", "high", "critical");
    static final Set<String> BACKUP = Set.of("none", "destructive", "always");
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    static final Pattern TIME = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");

    /** What the {@code backup} key asks of a deploy. */
    public enum Backup {
        NONE, DESTRUCTIVE, ALWAYS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One environment's resolved policy (inheritance applied), typed. {@code approval} null means no
     * approval is needed ({@code "none"} or not set); a null duration means "not set".
     */
    public record Policy(String name, Strictness lint, Risk approval, Backup backup, Duration lockTimeout,
                         Duration statementTimeout, List<Window> maintenanceWindows, String pushgateway,
                         List<Alert> alerts, FleetSpec targets) {

        public Policy {
            backup = backup == null ? Backup.NONE : backup;
            maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
            alerts = alerts == null ? List.of() : List.copyOf(alerts);
        }

        /** The defaults of an environment that sets nothing. */
        public static Policy defaults(String name) {
            return new Policy(name, Strictness.defaultFor(name), null, Backup.NONE, null, null, List.of(), null, List.of(),
                    null);
        }

        /** Whether a run of this environment reaches a fleet of targets (docs/fleet.md) rather than one database. */
        public boolean fleet() {
            return targets != null;
        }
    }

    /**
     * A webhook told about runs of the environment: {@code url} as written (a URL, or {@code ${env.NAME}}
     * read when the run starts), its body's {@code format} (json or slack), the events it wants
     * (failure, success, slow) and, for slow, from what duration a migration is slow. {@code line} is
     * where it is written, for messages.
     */
    public record Alert(String url, String format, Set<String> on, Duration slowerThan, Path file, int line) {
    }

    /** The keys one environment sets itself, already parsed; null where it sets nothing. */
    private static final class Own {
        String extendsName;
        Strictness lint;
        Risk approval;
        boolean approvalSet;
        Backup backup;
        Duration lockTimeout;
        Duration statementTimeout;
        List<Window> windows;
        String pushgateway;
        List<Alert> alerts;
        FleetSpec targets;
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

    private final Path file;
    private final boolean exists;
    private final Map<String, Own> own;
    private final List<Problem> problems;

    private Environments(Path file, boolean exists, Map<String, Own> own, List<Problem> problems) {
        this.file = file;
        this.exists = exists;
        this.own = own;
        this.problems = problems;
    }

    /** Everything wrong with the file; a run that changes the database refuses while there is any. */
    public List<Problem> problems() {
        return problems;
    }

    /** The environments the file defines (none when there is no file). */
    public Set<String> names() {
        return own.keySet();
    }

    /** Whether the folder has an environments.json. */
    public boolean exists() {
        return exists;
    }

    /**
     * Why {@code environment} cannot be used: when the file exists, a run names one of its
     * environments; {@code development} may stay implicit. Empty when it can.
     */
    public List<Problem> unknown(String environment) {
        if (!exists || own.containsKey(environment) || "development".equals(environment)) {
            return List.of();
        }
        return List.of(Check.UNKNOWN_ENVIRONMENT.at(file, 0, 0, "environment \"" + environment
                + "\" is not defined in " + FILE + ", which defines " + (own.isEmpty() ? "none" : String.join(", ", own.keySet())),
                "pass one of those (-Dmigrations.environment=... or its profile), or add \"" + environment
                        + "\": {} to the file"));
    }

    /**
     * The environments {@code dir/environments.json} defines, by name, or null when there is no such
     * file or it cannot be read as an object (its problems are reported by {@link #read}).
     */
    public static Set<String> names(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            LocatedJson.Node root = LocatedJson.parse(file, Files.readString(file, StandardCharsets.UTF_8), new ArrayList<>());
            if (root == null || !root.isObject()) {
                return null;
            }
            Set<String> names = new java.util.TreeSet<>();
            for (LocatedJson.Entry env : root.object().values()) {
                if (NAME.matcher(env.key()).matches()) {
                    names.add(env.key());
                }
            }
            return names;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Reads {@code dir/environments.json}; a missing file means defaults everywhere. */
    public static Environments read(Path dir) {
        Path file = dir.resolve(FILE);
        List<Problem> problems = new ArrayList<>();
        Map<String, Own> own = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new Environments(file, false, own, problems);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.add(Check.ENVIRONMENTS.at(file, 0, 0, "cannot read: " + e.getMessage(),
                    "make it a readable UTF-8 file"));
            return new Environments(file, true, own, problems);
        }
        LocatedJson.Node root = LocatedJson.parse(file, text, problems);
        if (root == null) {
            return new Environments(file, true, own, problems);
        }
        if (!root.isObject()) {
            problems.add(LocatedJson.at(file, root, Check.ENVIRONMENTS, "the top level must be an object of environments",
                    "write {\"production\": {\"lint\": \"strict\"}}"));
            return new Environments(file, true, own, problems);
        }
        for (LocatedJson.Entry env : root.object().values()) {
            if (!NAME.matcher(env.key()).matches()) {
                problems.add(LocatedJson.at(file, env, Check.ENVIRONMENTS, "environment name \"" + env.key() + "\" is not valid",
                        "use lower case letters, digits and _, e.g. production"));
                continue;
            }
            if (!env.value().isObject()) {
                problems.add(LocatedJson.at(file, env.value(), Check.ENVIRONMENTS, "environment \"" + env.key()
                        + "\" must be an object", "write \"" + env.key() + "\": {\"lint\": \"strict\"}"));
                continue;
            }
            own.put(env.key(), parseEnvironment(file, env, root, problems));
        }
        checkCycles(file, root, problems);
        return new Environments(file, true, own, problems);
    }

    private static Own parseEnvironment(Path file, LocatedJson.Entry env, LocatedJson.Node root, List<Problem> problems) {
        Own o = new Own();
        for (LocatedJson.Entry e : env.value().object().values()) {
            LocatedJson.Node v = e.value();
            switch (e.key()) {
                case "extends" -> {
                    if (!v.isString() || !root.object().containsKey(v.text()) || v.text().equals(env.key())) {
                        problems.add(LocatedJson.at(file, v, Check.ENVIRONMENTS, "\"extends\" of " + env.key()
                                + " must name another environment of this file", "use one of " + root.object().keySet()));
                    } else {
                        o.extendsName = v.text();
                    }
                }
                case "lint" -> {
                    String t = oneOf(file, env, e, Set.of("relaxed", "standard", "strict"), problems);
                    o.lint = t == null ? null : Strictness.parse(t);
                }
                case "approval" -> {
                    String t = oneOf(file, env, e, APPROVAL, problems);
                    if (t != null) {
                        o.approvalSet = true;
                        o.approval = t.equals("none") ? null : Risk.valueOf(t.toUpperCase(java.util.Locale.ROOT));
                    }
                }
                case "backup" -> {
                    String t = oneOf(file, env, e, BACKUP, problems);
                    o.backup = t == null ? null : Backup.valueOf(t.toUpperCase(java.util.Locale.ROOT));
                }
                case "lockTimeout" -> o.lockTimeout = duration(file, env, e, problems);
                case "statementTimeout" -> o.statementTimeout = duration(file, env, e, problems);
                case "maintenanceWindows" -> o.windows = windows(file, env.key(), v, problems);
                case "pushgateway" -> {
                    if (!v.isString() || !URL_OR_ENV.matcher(v.text()).matches()) {
                        problems.add(LocatedJson.at(file, v, Check.ENVIRONMENTS, "\"pushgateway\" of " + env.key()
                                + " must be an http(s) URL or ${env.NAME}", "write \"pushgateway\": \"http://pushgateway:9091\""));
                    } else {
                        o.pushgateway = v.text();
                    }
                }
                case "alerts" -> o.alerts = alerts(file, env.key(), v, problems);
                case "targets" -> o.targets = FleetSpec.parse(file, env.key(), v, problems);
                default -> problems.add(LocatedJson.at(file, e, Check.ENVIRONMENTS, "unknown key \"" + e.key() + "\" in "
                        + env.key(), "use one of " + new java.util.TreeSet<>(KEYS) + suggestion(e.key(), KEYS)));
            }
        }
        return o;
    }

    /** {@code "; did you mean x?"} for a near miss (at most two edits apart), else nothing. */
    static String suggestion(String word, Set<String> known) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        return new java.util.TreeSet<>(known).stream().filter(k -> distance(w, k.toLowerCase(java.util.Locale.ROOT)) <= 2)
                .findFirst().map(k -> "; did you mean \"" + k + "\"?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The value if it is one of {@code allowed}; else a problem and null. */
    private static String oneOf(Path file, LocatedJson.Entry env, LocatedJson.Entry e, Set<String> allowed,
                                List<Problem> problems) {
        if (!e.value().isString() || !allowed.contains(e.value().text())) {
            problems.add(LocatedJson.at(file, e.value(), Check.ENVIRONMENTS, "\"" + e.key() + "\" of " + env.key()
                    + " must be one of " + new java.util.TreeSet<>(allowed) + (e.value().isString() ? ", not \""
                    + e.value().text() + "\"" : ""), "e.g. \"" + e.key() + "\": \"" + new java.util.TreeSet<>(allowed).last() + "\""));
            return null;
        }
        return e.value().text();
    }

    private static Duration duration(Path file, LocatedJson.Entry env, LocatedJson.Entry e, List<Problem> problems) {
        try {
            if (!e.value().isString()) {
                throw new IllegalArgumentException(e.key() + " must be a string");
            }
            return Durations.parse(e.key(), e.value().text());
        } catch (IllegalArgumentException ex) {
            problems.add(LocatedJson.at(file, e.value(), Check.ENVIRONMENTS, "\"" + e.key() + "\" of " + env.key()
                    + " is not a duration" + (e.value().isString() ? ": \"" + e.value().text() + "\"" : ""),
                    "write e.g. \"5s\", \"500ms\" or \"15min\""));
            return null;
        }
    }

    /** The webhooks of {@code alerts}, each checked; one with any problem is reported and left out (the run refuses anyway). */
    private static List<Alert> alerts(Path file, String env, LocatedJson.Node v, List<Problem> problems) {
        List<Alert> out = new ArrayList<>();
        String example = "write [{\"url\": \"${env.SLACK_WEBHOOK_URL}\", \"format\": \"slack\", \"on\": [\"failure\"]}]";
        if (v.kind() != LocatedJson.Kind.ARRAY) {
            problems.add(LocatedJson.at(file, v, Check.ENVIRONMENTS, "\"alerts\" of " + env + " must be a list", example));
            return out;
        }
        for (LocatedJson.Node a : v.array()) {
            if (!a.isObject()) {
                problems.add(LocatedJson.at(file, a, Check.ENVIRONMENTS, "an alert of " + env + " must be an object", example));
                continue;
            }
            int before = problems.size();
            String url = null;
            String format = "json";
            Set<String> on = Set.of("failure");
            Duration slowerThan = null;
            for (LocatedJson.Entry e : a.object().values()) {
                LocatedJson.Node x = e.value();
                switch (e.key()) {
                    case "url" -> {
                        if (!x.isString() || !URL_OR_ENV.matcher(x.text()).matches()) {
                            // the value may be a secret: never echoed
                            problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"url\" of an alert of " + env
                                    + " must be an http(s) URL or ${env.NAME}", "write \"url\": \"${env.SLACK_WEBHOOK_URL}\""
                                    + " and set that variable where the deploy runs"));
                        } else {
                            url = x.text();
                        }
                    }
                    case "format" -> format = oneOf(file, new LocatedJson.Entry(env, a.line(), a.column(), a), e, ALERT_FORMATS, problems);
                    case "on" -> {
                        boolean ok = x.kind() == LocatedJson.Kind.ARRAY && !x.array().isEmpty()
                                && x.array().stream().allMatch(d -> d.isString() && ALERT_EVENTS.contains(d.text()));
                        if (!ok) {
                            problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"on\" of an alert of " + env
                                    + " must list events of " + new java.util.TreeSet<>(ALERT_EVENTS),
                                    "write \"on\": [\"failure\", \"slow\"]"));
                        } else {
                            on = x.array().stream().map(LocatedJson.Node::text).collect(java.util.stream.Collectors.toCollection(
                                    java.util.TreeSet::new));
                        }
                    }
                    case "slowerThan" -> slowerThan = duration(file, new LocatedJson.Entry(env, a.line(), a.column(), a), e, problems);
                    default -> problems.add(LocatedJson.at(file, e, Check.ENVIRONMENTS, "unknown key \"" + e.key()
                            + "\" in an alert of " + env, "use url, format, on and slowerThan" + suggestion(e.key(), ALERT_KEYS)));
                }
            }
            if (!a.object().containsKey("url")) {
                problems.add(LocatedJson.at(file, a, Check.ENVIRONMENTS, "an alert of " + env + " has no \"url\"",
                        "write \"url\": \"${env.SLACK_WEBHOOK_URL}\""));
            }
            if (on.contains("slow") && slowerThan == null && problems.size() == before) {
                problems.add(LocatedJson.at(file, a, Check.ENVIRONMENTS, "an alert of " + env + " on \"slow\" needs"
                        + " \"slowerThan\"", "write \"slowerThan\": \"5min\""));
            }
            if (problems.size() == before) {
                out.add(new Alert(url, format, on, slowerThan, file, a.line()));
            }
        }
        return out;
    }

    private static final List<String> DAY_ORDER = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** The windows of {@code v}, each checked; a window with any problem is reported and left out (the run refuses anyway). */
    private static List<Window> windows(Path file, String env, LocatedJson.Node v, List<Problem> problems) {
        List<Window> out = new ArrayList<>();
        if (v.kind() != LocatedJson.Kind.ARRAY) {
            problems.add(LocatedJson.at(file, v, Check.ENVIRONMENTS, "\"maintenanceWindows\" of " + env + " must be a list",
                    "write [{\"days\": [\"sat\", \"sun\"], \"from\": \"02:00\", \"to\": \"05:00\", \"zone\": \"UTC\"}]"));
            return out;
        }
        for (LocatedJson.Node w : v.array()) {
            Window window = window(file, env, w, problems);
            if (window != null) {
                out.add(window);
            }
        }
        return out;
    }

    /** One window of {@code maintenanceWindows}, checked; null (with its problems) when anything in it is wrong. */
    private static Window window(Path file, String env, LocatedJson.Node w, List<Problem> problems) {
        if (!w.isObject()) {
            problems.add(LocatedJson.at(file, w, Check.ENVIRONMENTS, "a maintenance window must be an object",
                    "write {\"days\": [\"sat\"], \"from\": \"02:00\", \"to\": \"05:00\", \"zone\": \"UTC\"}"));
            return null;
        }
        int before = problems.size();
        List<java.time.DayOfWeek> days = List.of(java.time.DayOfWeek.values());
        java.time.LocalTime from = null;
        java.time.LocalTime to = null;
        java.time.ZoneId zone = java.time.ZoneOffset.UTC;
        for (LocatedJson.Entry e : w.object().values()) {
            LocatedJson.Node x = e.value();
            switch (e.key()) {
                case "days" -> {
                    boolean ok = x.kind() == LocatedJson.Kind.ARRAY && !x.array().isEmpty()
                            && x.array().stream().allMatch(d -> d.isString() && DAYS.contains(d.text()));
                    if (!ok) {
                        String bad = x.kind() != LocatedJson.Kind.ARRAY ? "" : x.array().stream()
                                .filter(d -> !d.isString() || !DAYS.contains(d.text()))
                                .map(d -> "\"" + (d.isString() ? d.text() : "?") + "\"").findFirst().orElse("");
                        problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"days\" must list days as mon ... sun"
                                + (bad.isEmpty() ? "" : ", not " + bad), "write \"days\": [\"sat\", \"sun\"]"));
                    } else {
                        days = x.array().stream().map(d -> java.time.DayOfWeek.of(DAY_ORDER.indexOf(d.text()) + 1))
                                .distinct().toList();
                    }
                }
                case "from", "to" -> {
                    if (!x.isString() || !TIME.matcher(x.text()).matches()) {
                        problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"" + e.key() + "\" must be a time HH:MM"
                                + " from 00:00 to 23:59" + (x.isString() ? ", not \"" + x.text() + "\"" : ""),
                                "write \"" + e.key() + "\": \"02:00\""));
                    } else if (e.key().equals("from")) {
                        from = java.time.LocalTime.parse(x.text());
                    } else {
                        to = java.time.LocalTime.parse(x.text());
                    }
                }
                case "zone" -> {
                    try {
                        if (!x.isString()) {
                            throw new IllegalArgumentException();
                        }
                        zone = java.time.ZoneId.of(x.text());
                    } catch (RuntimeException ex) {
                        problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"zone\" is not a time zone"
                                + (x.isString() ? ": \"" + x.text() + "\"" : ""), "write e.g. \"UTC\" or \"Europe/Berlin\""));
                    }
                }
                default -> problems.add(LocatedJson.at(file, e, Check.ENVIRONMENTS, "unknown key \"" + e.key()
                        + "\" in a maintenance window", "use days, from, to and zone"
                        + suggestion(e.key(), WINDOW_KEYS)));
            }
        }
        for (String required : List.of("from", "to")) {
            if (!w.object().containsKey(required)) {
                problems.add(LocatedJson.at(file, w, Check.ENVIRONMENTS, "a maintenance window of " + env + " has no \""
                        + required + "\"", "write \"from\": \"02:00\", \"to\": \"05:00\""));
            }
        }
        if (problems.size() == before && from.equals(to)) {
            problems.add(LocatedJson.at(file, w, Check.ENVIRONMENTS, "a maintenance window of " + env
                    + " starts and ends at " + from + ": it is empty", "give it a length, e.g. \"from\": \"02:00\", \"to\": \"05:00\""));
        }
        return problems.size() == before ? new Window(days, from, to, zone) : null;
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
            if (current != null && current.equals(env.key()) && seen.size() > 1) {
                problems.add(LocatedJson.at(file, env, Check.ENVIRONMENTS, "\"extends\" forms a cycle: "
                        + String.join(" -> ", seen) + " -> " + current, "let one of them extend nothing"));
            }
        }
    }

    /**
     * The resolved policy of {@code environment}: its own keys, then those of what it extends, then
     * the defaults. Only for a file without problems: a run refuses before it asks for a policy of a
     * broken file, so nothing here ever falls back to "no policy".
     *
     * @throws IllegalStateException when the file has problems
     */
    public Policy policy(String environment) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(FILE + " has " + problems.size() + " problem(s), first: "
                    + problems.get(0).format());
        }
        Own merged = new Own();
        Set<String> seen = new LinkedHashSet<>();
        String current = environment;
        while (current != null && seen.add(current) && own.containsKey(current)) {
            Own o = own.get(current);
            merged.lint = merged.lint != null ? merged.lint : o.lint;
            if (!merged.approvalSet && o.approvalSet) {
                merged.approvalSet = true;
                merged.approval = o.approval;
            }
            merged.backup = merged.backup != null ? merged.backup : o.backup;
            merged.lockTimeout = merged.lockTimeout != null ? merged.lockTimeout : o.lockTimeout;
            merged.statementTimeout = merged.statementTimeout != null ? merged.statementTimeout : o.statementTimeout;
            merged.windows = merged.windows != null ? merged.windows : o.windows;
            merged.pushgateway = merged.pushgateway != null ? merged.pushgateway : o.pushgateway;
            merged.alerts = merged.alerts != null ? merged.alerts : o.alerts;
            merged.targets = merged.targets != null ? merged.targets : o.targets;
            current = o.extendsName;
        }
        return new Policy(environment, merged.lint != null ? merged.lint : Strictness.defaultFor(environment),
                merged.approval, merged.backup, merged.lockTimeout, merged.statementTimeout, merged.windows,
                merged.pushgateway, merged.alerts, merged.targets);
    }
}
