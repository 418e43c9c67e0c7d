package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.Migration;

import java.util.List;

/**
 * One service as the planner sees it: its migrations for the environment, what its tracking
 * tables say, and its dependencies.json.
 */
public record ServicePlan(String service, List<Migration> migrations, DatabaseState state, Dependencies deps) {

    public ServicePlan {
        migrations = migrations.stream().sorted(java.util.Comparator.comparingLong(Migration::version)).toList();
    }

    /** The canonical references this migration requires: {@code service:version}. */
    public List<String> requires(Migration m) {
        if (deps == null) {
            return List.of();
        }
        return deps.of(m.version()).map(e -> e.requires().stream()
                .map(r -> (r.local() ? service : r.service()) + ":" + r.version()).toList()).orElse(List.of());
    }
}
