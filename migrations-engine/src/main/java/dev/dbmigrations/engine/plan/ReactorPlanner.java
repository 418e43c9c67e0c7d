package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.Migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans {@code up} for one service or a whole reactor: pending migrations in version order per
 * service, unless dependencies.json demands otherwise, interleaving services where a migration
 * needs another service's. A migration whose requirement is neither applied nor pending in the run
 * stops its service's run there, with an error naming both.
 */
public final class ReactorPlanner {

    private ReactorPlanner() {
    }

    /**
     * @param count  at most this many steps in all (null: no limit)
     * @param target only for a single service: apply up to and including this version
     */
    public static Plan up(List<ServicePlan> services, Graph graph, boolean outOfOrder, Integer count, Long target) {
        Map<String, ServicePlan> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.service(), s));
        List<Problem> problems = upPreconditions(services, outOfOrder, count, target);
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        // pending nodes, each service's in local dependency order
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<List<Node>> chains = new ArrayList<>();
        for (int si = 0; si < services.size(); si++) {
            ServicePlan s = services.get(si);
            List<Node> chain = new ArrayList<>();
            for (Migration m : localOrder(s, pending(s, services.size(), outOfOrder, target, problems))) {
                Node n = new Node(si, s, m);
                nodes.put(n.key(), n);
                chain.add(n);
            }
            chains.add(chain);
        }
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        // Kahn: the first ready node by (service order, chain position); a chain runs in order
        int[] next = new int[chains.size()];
        Set<String> done = new HashSet<>();
        List<Plan.PlannedStep> steps = new ArrayList<>();
        for (Node pick = ready(chains, next, nodes, done, byName, graph); pick != null;
             pick = ready(chains, next, nodes, done, byName, graph)) {
            steps.add(new Plan.PlannedStep(pick.service.service(), pick.migration, Direction.UP));
            done.add(pick.key());
            next[pick.index]++;
        }
        Problem stop = stopAt(chains, next, nodes, done, byName, graph);
        if (count != null && steps.size() > count) {
            steps = new ArrayList<>(steps.subList(0, count));
            stop = null;
        }
        return new Plan(steps, List.of(), stop);
    }

    /** What refuses an up before planning: a service's dirty state or edited files, an unknown target, a bad count. */
    private static List<Problem> upPreconditions(List<ServicePlan> services, boolean outOfOrder, Integer count, Long target) {
        List<Problem> problems = new ArrayList<>();
        for (ServicePlan s : services) {
            Planner single = new Planner(s.migrations(), s.state(), outOfOrder);
            problems.addAll(prefixed(s, services.size(), single.preconditions()));
            if (target != null && single.findVersion(target).isEmpty()) {
                problems.add(Check.UNKNOWN_VERSION.of("no migration has version " + target + " in this environment",
                        "use one of the versions in the folder"));
            }
        }
        if (count != null && count < 1) {
            problems.add(Check.COUNT.of("count must be at least 1, got " + count,
                    "pass -Dmigrations.count=N with N >= 1, or leave it out to apply everything"));
        }
        return problems;
    }

    /** A service's pending migrations up to {@code target}; one below an applied one is a problem unless out of order is allowed. */
    private static List<Migration> pending(ServicePlan s, int services, boolean outOfOrder, Long target,
                                           List<Problem> problems) {
        long highest = s.state().highestApplied();
        List<Migration> pending = new ArrayList<>();
        for (Migration m : s.migrations()) {
            if (s.state().applied().containsKey(m.version()) || (target != null && m.version() > target)) {
                continue;
            }
            if (m.version() < highest && !outOfOrder) {
                problems.add(Check.OUT_OF_ORDER.at(m.up().path(), 0, 0, prefix(s, services) + m.id() + " is pending but the newer "
                                + s.state().applied().get(highest).id() + " is already applied (typically a migration"
                                + " merged from another branch)", "renumber it above " + highest + " with"
                                + " migrations:generate, or apply it anyway with -Dmigrations.outOfOrder=true (the"
                                + " default in development)").forService(s.service()));
                continue;
            }
            pending.add(m);
        }
        return pending;
    }

    /** The first node, by service order and chain position, whose requirements are all met; null when none is. */
    private static Node ready(List<List<Node>> chains, int[] next, Map<String, Node> nodes, Set<String> done,
                              Map<String, ServicePlan> byName, Graph graph) {
        for (int si = 0; si < chains.size(); si++) {
            if (next[si] < chains.get(si).size()) {
                Node n = chains.get(si).get(next[si]);
                if (unmet(n, nodes, done, byName, graph) == null) {
                    return n;
                }
            }
        }
        return null;
    }

    /** Why the first service whose chain did not finish stops there; null when every chain finished. */
    private static Problem stopAt(List<List<Node>> chains, int[] next, Map<String, Node> nodes, Set<String> done,
                                  Map<String, ServicePlan> byName, Graph graph) {
        for (int si = 0; si < chains.size(); si++) {
            if (next[si] < chains.get(si).size()) {
                Node n = chains.get(si).get(next[si]);
                String missing = unmet(n, nodes, done, byName, graph);
                boolean pendingElsewhere = nodes.containsKey(missing);
                return Check.UNMET_DEPENDENCY.at(n.migration.up().path(), 0, 0, n.ref() + " requires "
                                + display(missing, byName) + (pendingElsewhere
                                ? ", which cannot run first (a dependency cycle, or it waits on this one)"
                                : ", which is neither applied nor pending in this run"),
                        pendingElsewhere ? "break the cycle in dependencies.json"
                                : "apply " + display(missing, byName) + " first (run at the aggregator so that every service"
                                + " takes part, or with -Dmigrations.withDependencies=true), or fix dependencies.json")
                        .forService(n.service.service());
            }
        }
        return null;
    }

    private static String prefix(ServicePlan s, int services) {
        return services > 1 ? s.service() + ": " : "";
    }

    private static List<Problem> prefixed(ServicePlan s, int services, List<Problem> problems) {
        if (services == 1) {
            return problems;
        }
        return problems.stream().map(p -> new Problem(p.file(), p.line(), p.column(), p.check(),
                s.service() + ": " + p.message(), p.fix(), s.service())).toList();
    }

    private static String display(String ref, Map<String, ServicePlan> byName) {
        int colon = ref.indexOf(':');
        ServicePlan s = byName.get(ref.substring(0, colon));
        if (s != null) {
            long v = Long.parseLong(ref.substring(colon + 1));
            for (Migration m : s.migrations()) {
                if (m.version() == v) {
                    return s.service() + ":" + m.id();
                }
            }
        }
        return ref;
    }

    /** The first requirement of {@code n} that is not met yet, or null. */
    private static String unmet(Node n, Map<String, Node> nodes, Set<String> done, Map<String, ServicePlan> byName,
                                Graph graph) {
        for (String req : n.service.requires(n.migration)) {
            if (done.contains(req)) {
                continue;
            }
            if (nodes.containsKey(req)) {
                return req;
            }
            int colon = req.indexOf(':');
            String service = req.substring(0, colon);
            long version = Long.parseLong(req.substring(colon + 1));
            ServicePlan s = byName.get(service);
            boolean applied = s != null ? s.state().applied().containsKey(version) : graph.applied(service, version);
            if (!applied) {
                return req;
            }
        }
        return null;
    }

    /** Version order, except that a migration waits for the pending migrations of its service that it requires. */
    static List<Migration> localOrder(ServicePlan s, List<Migration> pending) {
        Map<Long, Migration> byVersion = new HashMap<>();
        pending.forEach(m -> byVersion.put(m.version(), m));
        List<Migration> out = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        List<Migration> rest = new ArrayList<>(pending);
        while (!rest.isEmpty()) {
            Migration pick = null;
            for (Migration m : rest) {
                boolean ready = true;
                for (String req : s.requires(m)) {
                    if (req.startsWith(s.service() + ":")) {
                        long v = Long.parseLong(req.substring(s.service().length() + 1));
                        if (byVersion.containsKey(v) && !placed.contains(v)) {
                            ready = false;
                            break;
                        }
                    }
                }
                if (ready) {
                    pick = m;
                    break;
                }
            }
            if (pick == null) {
                out.addAll(rest); // a local cycle: validate reports it; keep version order
                break;
            }
            out.add(pick);
            placed.add(pick.version());
            rest.remove(pick);
        }
        return out;
    }

    /**
     * Plans {@code down}: per service the newest applied migration ({@code count} of them, or all above
     * {@code target}), refusing a migration that an applied migration requires, in this service or
     * another, unless {@code cascade}: then the dependants are rolled back first, newest first and in
     * reverse dependency order, across the services of the run.
     */
    public static Plan down(List<ServicePlan> services, Graph graph, Integer count, Long target, boolean cascade) {
        return down(services, graph, count, target, cascade, null);
    }

    /**
     * {@link #down(List, Graph, Integer, Long, boolean)} where only the services in {@code asked} (null:
     * all) have their newest migrations rolled back; the others take part only as dependants that a
     * cascade rolls back first.
     */
    public static Plan down(List<ServicePlan> services, Graph graph, Integer count, Long target, boolean cascade,
                            Set<String> asked) {
        List<Problem> problems = new ArrayList<>();
        Map<String, ServicePlan> byName = new LinkedHashMap<>();
        for (ServicePlan s : services) {
            byName.put(s.service(), s);
            problems.addAll(prefixed(s, services.size(), new Planner(s.migrations(), s.state(), true).preconditions()));
        }
        if (count != null && count < 1) {
            problems.add(Check.COUNT.of("count must be at least 1, got " + count,
                    "pass -Dmigrations.count=N with N >= 1 (default 1)"));
        }
        if (!problems.isEmpty()) {
            return Plan.refused(problems);
        }
        Set<String> set = asked(services, count, target, asked);
        Map<String, List<String>> blockers = withDependants(set, byName, graph, cascade);
        if (!blockers.isEmpty()) {
            for (Map.Entry<String, List<String>> b : blockers.entrySet()) {
                problems.add(hasDependants(b.getKey(), b.getValue(), byName, cascade));
            }
            return Plan.refused(problems);
        }
        // order: within a service newest first; a migration after everything that requires it
        List<Plan.PlannedStep> steps = new ArrayList<>();
        Set<String> left = new java.util.LinkedHashSet<>(set);
        Problem stop = null;
        while (!left.isEmpty() && stop == null) {
            String pick = orderedCandidates(left, services).stream()
                    .filter(ref -> dependants(ref, byName, graph).stream().noneMatch(left::contains)).findFirst().orElse(null);
            if (pick == null) {
                stop = Check.DEPENDENCIES.of("the migrations to roll back require each other in a cycle: " + left,
                        "fix dependencies.json");
                break;
            }
            ServicePlan s = byName.get(pick.substring(0, pick.indexOf(':')));
            long v = Long.parseLong(pick.substring(pick.indexOf(':') + 1));
            Migration m = s.migrations().stream().filter(x -> x.version() == v).findFirst().orElse(null);
            stop = cannotRollBack(s, m, s.state().applied().get(v));
            if (stop == null) {
                steps.add(new Plan.PlannedStep(s.service(), m, Direction.DOWN));
                left.remove(pick);
            }
        }
        return new Plan(steps, List.of(), stop);
    }

    /** The migrations asked for, as {@code service:version}: the newest {@code count} of each asked service, or all above {@code target}. */
    private static Set<String> asked(List<ServicePlan> services, Integer count, Long target, Set<String> asked) {
        Set<String> set = new java.util.LinkedHashSet<>();
        for (ServicePlan s : services) {
            if (asked != null && !asked.contains(s.service())) {
                continue;
            }
            List<Long> desc = new ArrayList<>(s.state().applied().keySet());
            desc.sort(java.util.Comparator.reverseOrder());
            int limit = target != null ? Integer.MAX_VALUE : (count == null ? 1 : count);
            desc.stream().filter(v -> target == null || v > target).limit(limit).forEach(v -> set.add(s.service() + ":" + v));
        }
        return set;
    }

    /**
     * Adds to {@code set} the applied dependants that a cascade rolls back first (those of services in
     * the run); returns, per migration, the dependants that block it (all of them without cascade).
     */
    private static Map<String, List<String>> withDependants(Set<String> set, Map<String, ServicePlan> byName, Graph graph,
                                                            boolean cascade) {
        List<String> queue = new ArrayList<>(set);
        Map<String, List<String>> blockers = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            String ref = queue.remove(0);
            for (String dep : dependants(ref, byName, graph)) {
                if (set.contains(dep)) {
                    continue;
                }
                if (cascade && byName.containsKey(dep.substring(0, dep.indexOf(':')))) {
                    set.add(dep);
                    queue.add(dep);
                } else {
                    blockers.computeIfAbsent(ref, k -> new ArrayList<>()).add(dep);
                }
            }
        }
        return blockers;
    }

    private static Problem hasDependants(String ref, List<String> deps, Map<String, ServicePlan> byName, boolean cascade) {
        List<String> names = deps.stream().map(d -> display(d, byName)).toList();
        List<String> outside = deps.stream().map(d -> d.substring(0, d.indexOf(':')))
                .filter(svc -> !byName.containsKey(svc)).distinct().toList();
        String one = outside.size() == 1 ? "its" : "their";
        return Check.HAS_DEPENDANTS.of("cannot roll back " + display(ref, byName) + ": applied migrations require it: "
                        + String.join(", ", names),
                cascade && !outside.isEmpty() ? String.join(", ", outside) + (outside.size() == 1 ? " is" : " are")
                        + " not part of this run: roll " + one + " migrations back in " + one + " own build first,"
                        + " or run at an aggregator whose modules include " + String.join(", ", outside)
                        : "roll those back first, or pass -Dmigrations.cascade=true to roll them back too")
                .forService(ref.substring(0, ref.indexOf(':')));
    }

    /** Why {@code m} (applied as {@code a}) cannot be rolled back: its files are gone, or it has no down file; else null. */
    private static Problem cannotRollBack(ServicePlan s, Migration m, Applied a) {
        if (m == null) {
            return Check.MISSING_FILE.of("cannot roll back " + s.service() + ":" + a.id()
                    + ": its files are no longer in the folder", "restore " + a.id()
                    + ".up.sql and .down.sql, or move the version by hand with migrations:force").forService(s.service());
        }
        if (!m.reversible()) {
            return Check.IRREVERSIBLE.at(m.up().path(), 0, 0, "cannot roll back " + m.id()
                    + ": it has no down file, so it is irreversible", "write " + m.id()
                    + ".down.sql, or move the version by hand with migrations:force").forService(s.service());
        }
        return null;
    }

    /** Candidates in priority order: the newest left of each service, services in reactor order. */
    private static List<String> orderedCandidates(Set<String> left, List<ServicePlan> services) {
        List<String> out = new ArrayList<>();
        for (ServicePlan s : services) {
            left.stream().filter(r -> r.startsWith(s.service() + ":"))
                    .max(java.util.Comparator.comparingLong(r -> Long.parseLong(r.substring(r.indexOf(':') + 1))))
                    .ifPresent(out::add);
        }
        return out;
    }

    /** Applied migrations that require {@code ref} ({@code service:version}), as {@code service:version}. */
    static List<String> dependants(String ref, Map<String, ServicePlan> byName, Graph graph) {
        Set<String> out = new java.util.LinkedHashSet<>();
        String service = ref.substring(0, ref.indexOf(':'));
        long version = Long.parseLong(ref.substring(ref.indexOf(':') + 1));
        for (ServicePlan s : byName.values()) {
            for (Migration m : s.migrations()) {
                if (s.state().applied().containsKey(m.version()) && s.requires(m).contains(ref)) {
                    out.add(s.service() + ":" + m.version());
                }
            }
            for (Applied a : s.state().applied().values()) {
                if (a.requires().contains(ref)) {
                    out.add(s.service() + ":" + a.version());
                }
            }
        }
        for (String d : graph.dependants(service, version)) {
            out.add(d);
        }
        out.remove(ref);
        return new ArrayList<>(out);
    }

    private record Node(int index, ServicePlan service, Migration migration) {
        String key() {
            return service.service() + ":" + migration.version();
        }

        String ref() {
            return service.service() + ":" + migration.id();
        }
    }
}
