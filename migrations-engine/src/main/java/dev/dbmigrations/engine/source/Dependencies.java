package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dependencies.json: for each migration, the migrations it requires (in this service, or another
 * one as {@code "<service>:<id>"}) and those it conflicts with. Strictly parsed; see docs/dependencies.md.
 */
public final class Dependencies {

    public static final String FILE = "dependencies.json";
    static final Set<String> KEYS = Set.of("requires", "conflicts");
    static final Pattern REF = Pattern.compile("^(?:([a-z][a-z0-9_-]*):)?([0-9]+)(?:_(.+))?$");

    /** A reference to a migration: {@code service} is null for this service. */
    public record Ref(String service, long version, String text) {
        public boolean local() {
            return service == null;
        }
    }

    /** What one migration needs. */
    public record Entry(long version, List<Ref> requires, List<Ref> conflicts) {
    }

    private final Map<Long, Entry> entries;
    private final List<Problem> problems;

    private Dependencies(Map<Long, Entry> entries, List<Problem> problems) {
        this.entries = entries;
        this.problems = problems;
    }

    public List<Problem> problems() {
        return problems;
    }

    public Map<Long, Entry> entries() {
        return entries;
    }

    public Optional<Entry> of(long version) {
        return Optional.ofNullable(entries.get(version));
    }

    /** Reads {@code dir/dependencies.json} against the folder's migrations; a missing file means none. */
    public static Dependencies read(Path dir, List<Migration> migrations) {
        Path file = dir.resolve(FILE);
        List<Problem> problems = new ArrayList<>();
        Map<Long, Entry> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new Dependencies(entries, problems);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.add(Check.DEPENDENCIES.at(file, 0, 0, "cannot read: " + e.getMessage(),
                    "make it a readable UTF-8 file"));
            return new Dependencies(entries, problems);
        }
        LocatedJson.Node root = LocatedJson.parse(file, text, problems);
        if (root == null) {
            return new Dependencies(entries, problems);
        }
        if (!root.isObject()) {
            problems.add(LocatedJson.at(file, root, Check.DEPENDENCIES, "the top level must be an object keyed by migration",
                    "write {\"0003_add_fk\": {\"requires\": [\"0002_create_orders\"]}}"));
            return new Dependencies(entries, problems);
        }
        Map<Long, Migration> byVersion = new HashMap<>();
        migrations.forEach(m -> byVersion.put(m.version(), m));
        for (LocatedJson.Entry e : root.object().values()) {
            Ref key = ref(e.key());
            Migration m = key == null || !key.local() ? null : byVersion.get(key.version());
            if (m == null || (key.text().contains("_") && !matches(m, e.key()))) {
                problems.add(LocatedJson.at(file, e, Check.DEPENDENCIES, "\"" + e.key() + "\" is not a migration of this folder",
                        "use a migration id such as " + (migrations.isEmpty() ? "0001_create_users" : migrations.get(0).id())
                                + " (or its version alone)"));
                continue;
            }
            if (!e.value().isObject()) {
                problems.add(LocatedJson.at(file, e.value(), Check.DEPENDENCIES, "the entry of " + e.key() + " must be an object",
                        "write \"" + e.key() + "\": {\"requires\": [], \"conflicts\": []}"));
                continue;
            }
            List<Ref> requires = new ArrayList<>();
            List<Ref> conflicts = new ArrayList<>();
            for (LocatedJson.Entry f : e.value().object().values()) {
                entryKey(file, e, f, m, byVersion, requires, conflicts, problems);
            }
            entries.put(m.version(), new Entry(m.version(), requires, conflicts));
        }
        cycles(file, root, entries, byVersion, problems);
        return new Dependencies(entries, problems);
    }

    /** One key of a migration's entry ({@code requires} or {@code conflicts}): its references, checked. */
    private static void entryKey(Path file, LocatedJson.Entry e, LocatedJson.Entry f, Migration m,
                                 Map<Long, Migration> byVersion, List<Ref> requires, List<Ref> conflicts,
                                 List<Problem> problems) {
        if (!KEYS.contains(f.key())) {
            problems.add(LocatedJson.at(file, f, Check.DEPENDENCIES, "unknown key \"" + f.key() + "\" in " + e.key(),
                    "use \"requires\" and \"conflicts\""));
            return;
        }
        List<Ref> target = f.key().equals("requires") ? requires : conflicts;
        if (f.value().kind() != LocatedJson.Kind.ARRAY) {
            problems.add(LocatedJson.at(file, f.value(), Check.DEPENDENCIES, "\"" + f.key() + "\" of " + e.key()
                    + " must be a list", "write \"" + f.key() + "\": [\"0002_create_orders\"]"));
            return;
        }
        for (LocatedJson.Node item : f.value().array()) {
            Ref r = item.isString() ? ref(item.text()) : null;
            if (r == null) {
                problems.add(LocatedJson.at(file, item, Check.DEPENDENCIES, "\"" + (item.isString() ? item.text() : "?")
                        + "\" is not a migration reference", "write \"0002_create_orders\" or"
                        + " \"billing-service:0002_create_accounts\""));
                continue;
            }
            if (r.local()) {
                Migration target2 = byVersion.get(r.version());
                if (target2 == null || (r.text().contains("_") && !matches(target2, r.text()))) {
                    problems.add(LocatedJson.at(file, item, Check.DEPENDENCIES, e.key() + " " + f.key() + " \""
                            + r.text() + "\", which is not a migration of this folder",
                            "fix the id, or write \"<service>:<id>\" for another service's migration"));
                    continue;
                }
                if (f.key().equals("requires") && target2.environment() != null && m.environment() == null) {
                    problems.add(LocatedJson.at(file, item, Check.DEPENDENCIES, e.key() + " runs in every environment but"
                            + " requires " + target2.id() + ", which runs only in " + target2.environment(),
                            "an environment-only migration may depend on common ones, never the reverse"));
                }
                if (r.version() == m.version()) {
                    problems.add(LocatedJson.at(file, item, Check.DEPENDENCIES, e.key() + " refers to itself",
                            "remove the entry"));
                    continue;
                }
            }
            target.add(r);
        }
    }

    private static boolean matches(Migration m, String id) {
        return id.equals(m.id()) || id.equals(m.version() + "_" + m.name());
    }

    static Ref ref(String text) {
        Matcher mt = REF.matcher(text);
        if (!mt.matches()) {
            return null;
        }
        try {
            return new Ref(mt.group(1), Long.parseLong(mt.group(2)), text.substring(text.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void cycles(Path file, LocatedJson.Node root, Map<Long, Entry> entries, Map<Long, Migration> byVersion,
                               List<Problem> problems) {
        Map<Long, Integer> state = new HashMap<>();
        for (Long start : entries.keySet()) {
            List<Long> path = new ArrayList<>();
            if (visit(start, entries, state, path)) {
                Migration m = byVersion.get(path.get(0));
                LocatedJson.Entry at = root.object().values().stream()
                        .filter(e -> { Ref r = ref(e.key()); return r != null && r.version() == path.get(0); })
                        .findFirst().orElse(null);
                String cycle = String.join(" -> ", path.stream().map(v -> byVersion.get(v).id()).toList());
                problems.add(at == null ? Check.DEPENDENCIES.at(file, 0, 0, "dependency cycle: " + cycle, "break it")
                        : LocatedJson.at(file, at, Check.DEPENDENCIES, "dependency cycle: " + cycle,
                        "remove one of the requires of " + m.id() + " or of the migrations it needs"));
                return;
            }
        }
    }

    /** Depth-first search; on a cycle, {@code path} holds it (first element repeated at the end). */
    private static boolean visit(long v, Map<Long, Entry> entries, Map<Long, Integer> state, List<Long> path) {
        Integer s = state.get(v);
        if (s != null && s == 2) {
            return false;
        }
        if (s != null && s == 1) {
            int from = path.indexOf(v);
            List<Long> cycle = new ArrayList<>(path.subList(from, path.size()));
            cycle.add(v);
            path.clear();
            path.addAll(cycle);
            return true;
        }
        state.put(v, 1);
        path.add(v);
        Entry e = entries.get(v);
        if (e != null) {
            for (Ref r : e.requires()) {
                if (r.local() && visit(r.version(), entries, state, path)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(v, 2);
        return false;
    }
}
