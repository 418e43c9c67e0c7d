package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service folder's policy files, environments.json and dependencies.json, each read once and
 * strictly. {@link #problems} is the one check that {@code migrations:validate} reports and that
 * every goal changing the database runs before it starts: a run never goes past a broken policy
 * (docs/deploy-policy.md, "Policy fails closed").
 */
public record ServiceSettings(Environments environments, Dependencies dependencies) {

    /** Reads both files of {@code dir}; {@code migrations} are the folder's, for dependencies.json's references. */
    public static ServiceSettings read(Path dir, List<Migration> migrations) {
        return new ServiceSettings(Environments.read(dir), Dependencies.read(dir, migrations));
    }

    /**
     * Everything that stops a run in {@code environment}: problems of either file, and an environment
     * that environments.json does not define.
     */
    public List<Problem> problems(String environment) {
        List<Problem> out = new ArrayList<>(environments.problems());
        out.addAll(dependencies.problems());
        if (environments.problems().isEmpty()) {
            out.addAll(environments.unknown(environment));
        }
        return out;
    }

    /** The environment's policy; only for settings without {@link #problems}. */
    public Environments.Policy policy(String environment) {
        return environments.policy(environment);
    }
}
