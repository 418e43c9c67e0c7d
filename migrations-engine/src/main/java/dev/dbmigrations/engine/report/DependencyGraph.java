package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.DepsResult;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds and renders the dependency graph of the services of a run ({@code migrations:deps}). */
public final class DependencyGraph {

    /** One service's input: its folder read and its dependencies.json. */
    public record Service(String name, MigrationSet set, Dependencies deps) {
    }

    private DependencyGraph() {
    }

    public static DepsResult of(List<Service> services) {
        Map<String, Service> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        Map<String, String> label = new LinkedHashMap<>();
        Map<String, List<String>> edges = new LinkedHashMap<>();
        List<Problem> errors = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (Service s : services) {
            errors.addAll(s.set().problems());
            errors.addAll(s.deps().problems());
            for (Migration m : s.set().migrations()) {
                String key = s.name() + ":" + m.version();
                label.put(key, s.name() + ":" + m.id() + (m.environment() == null ? "" : " (" + m.environment() + ")"));
                edges.put(key, new ArrayList<>());
            }
        }
        for (Service s : services) {
            for (Dependencies.Entry e : s.deps().entries().values()) {
                String from = s.name() + ":" + e.version();
                for (Dependencies.Ref r : e.requires()) {
                    String service = r.local() ? s.name() : r.service();
                    String to = service + ":" + r.version();
                    edges.get(from).add(to);
                    if (!label.containsKey(to)) {
                        Path file = s.set().dir().resolve(Dependencies.FILE);
                        if (byName.containsKey(service)) {
                            errors.add(Check.MISSING_TARGET.at(file, 0, 0, label.get(from) + " requires " + service
                                    + ":" + r.text() + ", which is not a migration of " + service,
                                    "fix the reference in dependencies.json"));
                        } else {
                            warnings.add(Check.SERVICE_NOT_IN_RUN.at(file, 0, 0, label.get(from) + " requires "
                                    + service + ":" + r.text() + ", and " + service + " is not in this run",
                                    "run at the aggregator that holds " + service + ", or check it against the database with up"));
                        }
                        label.put(to, service + ":" + r.text() + " (not in this run)");
                        edges.putIfAbsent(to, new ArrayList<>());
                    }
                }
            }
        }
        List<String> cycle = cycle(edges);
        if (!cycle.isEmpty()) {
            errors.add(Check.CYCLE.of("dependency cycle: " + String.join(" -> ", cycle.stream().map(label::get).toList()),
                    "remove one of these requires from dependencies.json"));
        }
        return new DepsResult(tree(services, label, edges), mermaid(label, edges), dot(label, edges), Svg.graph(label, edges),
                errors, warnings);
    }

    private static List<String> tree(List<Service> services, Map<String, String> label, Map<String, List<String>> edges) {
        List<String> out = new ArrayList<>();
        for (Service s : services) {
            out.add(s.name() + " (" + s.set().dir() + ")");
            List<Migration> ms = s.set().migrations();
            for (int i = 0; i < ms.size(); i++) {
                String key = s.name() + ":" + ms.get(i).version();
                boolean last = i == ms.size() - 1;
                out.add((last ? "└── " : "├── ") + ms.get(i).id() + (ms.get(i).environment() == null ? ""
                        : " (" + ms.get(i).environment() + ")"));
                List<String> reqs = edges.get(key);
                for (int j = 0; j < reqs.size(); j++) {
                    out.add((last ? "    " : "│   ") + (j == reqs.size() - 1 ? "└── requires " : "├── requires ")
                            + label.get(reqs.get(j)));
                }
            }
        }
        return out;
    }

    private static String id(String key) {
        return "m_" + key.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String mermaid(Map<String, String> label, Map<String, List<String>> edges) {
        StringBuilder sb = new StringBuilder("graph TD\n");
        Map<String, List<String>> byService = new LinkedHashMap<>();
        label.keySet().forEach(k -> byService.computeIfAbsent(k.substring(0, k.indexOf(':')), x -> new ArrayList<>()).add(k));
        for (Map.Entry<String, List<String>> e : byService.entrySet()) {
            sb.append("    subgraph ").append(id(e.getKey())).append("[\"").append(e.getKey()).append("\"]\n");
            for (String k : e.getValue()) {
                String text = label.get(k).substring(label.get(k).indexOf(':') + 1).replace("\"", "'");
                sb.append("        ").append(id(k)).append("[\"").append(text).append("\"]\n");
            }
            sb.append("    end\n");
        }
        edges.forEach((from, tos) -> tos.forEach(to -> sb.append("    ").append(id(from)).append(" --> ").append(id(to)).append('\n')));
        return sb.toString();
    }

    private static String dot(Map<String, String> label, Map<String, List<String>> edges) {
        StringBuilder sb = new StringBuilder("digraph migrations {\n    rankdir=LR;\n    node [shape=box];\n");
        label.forEach((k, v) -> sb.append("    \"").append(k).append("\" [label=\"").append(v.replace("\"", "\\\"")).append("\"];\n"));
        edges.forEach((from, tos) -> tos.forEach(to -> sb.append("    \"").append(from).append("\" -> \"").append(to).append("\";\n")));
        return sb.append("}\n").toString();
    }

    /** A cycle as a list of keys (first repeated at the end), or empty. */
    static List<String> cycle(Map<String, List<String>> edges) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String v, Map<String, List<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(v);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> c = new ArrayList<>(path.subList(path.indexOf(v), path.size()));
            c.add(v);
            return c;
        }
        state.put(v, 1);
        path.add(v);
        for (String w : edges.getOrDefault(v, List.of())) {
            List<String> c = visit(w, edges, state, path);
            if (!c.isEmpty()) {
                return c;
            }
        }
        path.remove(path.size() - 1);
        state.put(v, 2);
        return List.of();
    }

    /** The services a set of services requires, transitively, among {@code all}, including themselves. */
    public static Set<String> withRequired(Set<String> selected, List<Service> all) {
        Map<String, Service> byName = new HashMap<>();
        all.forEach(s -> byName.put(s.name(), s));
        Set<String> out = new LinkedHashSet<>(selected);
        List<String> queue = new ArrayList<>(selected);
        while (!queue.isEmpty()) {
            Service s = byName.get(queue.remove(0));
            if (s == null) {
                continue;
            }
            for (Dependencies.Entry e : s.deps().entries().values()) {
                for (Dependencies.Ref r : e.requires()) {
                    if (!r.local() && out.add(r.service())) {
                        queue.add(r.service());
                    }
                }
            }
        }
        return out;
    }
}
