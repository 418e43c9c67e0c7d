package dev.dbmigrations.maven;

import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A goal run at an aggregator ({@code mvn -f examples/pom.xml migrations:up}) plans every service
 * of the reactor at once, at the execution root; the modules then have nothing left to do. Each
 * service's name, schema, folder and table come from its own POM's properties
 * ({@code migrations.service}, ...), defaulting to its artifactId and {@code migrations/}.
 */
final class ReactorMode {

    private ReactorMode() {
    }

    /** This project is the root of a reactor of several projects: plan them all here. */
    static boolean isRoot(MavenSession session, MavenProject project) {
        return project.isExecutionRoot() && session.getProjects().size() > 1;
    }

    /** Another project, the root of this reactor, already ran the goal for every service. */
    static boolean handledAtRoot(MavenSession session, MavenProject project) {
        return !project.isExecutionRoot() && session.getProjects().stream().anyMatch(MavenProject::isExecutionRoot);
    }

    /**
     * The services a reactor run takes part with, and those it was asked for (null: all). A
     * {@code down} with {@code -Dmigrations.cascade=true} and a service filter keeps every service of
     * the reactor, so that the dependants of the asked ones, in other modules, are rolled back first.
     */
    record Selection(List<MigrationsConfig> configs, Set<String> asked) {
    }

    static Selection select(MavenSession session, String goal, Supplier<MigrationsConfig.Builder> shared) {
        List<MigrationsConfig> chosen = configs(session, shared);
        String only = session.getUserProperties().getProperty("migrations.service");
        boolean cascade = Boolean.parseBoolean(session.getUserProperties().getProperty("migrations.cascade", "false"));
        if (!goal.equals("down") || !cascade || only == null || only.isBlank()) {
            return new Selection(chosen, null);
        }
        Set<String> asked = new LinkedHashSet<>(chosen.stream().map(MigrationsConfig::service).toList());
        List<MigrationsConfig> all = new ArrayList<>();
        for (MavenProject p : session.getProjects()) {
            MigrationsConfig c = config(p, shared);
            if (c != null) {
                all.add(c);
            }
        }
        return new Selection(all, asked);
    }

    /**
     * A module's migrations folder: its {@code migrations.dir} property, relative to the module (as
     * Maven resolves a File parameter), or {@code migrations/} in it.
     */
    static File folderOf(MavenProject p) {
        String dir = p.getProperties().getProperty("migrations.dir");
        if (dir == null || dir.isBlank()) {
            return new File(p.getBasedir(), "migrations");
        }
        File f = new File(dir);
        return f.isAbsolute() ? f : new File(p.getBasedir(), dir);
    }

    /** A module's service, or null when it has no migrations folder. */
    private static MigrationsConfig config(MavenProject p, Supplier<MigrationsConfig.Builder> shared) {
        File folder = folderOf(p);
        if (!folder.isDirectory()) {
            if (p.getProperties().getProperty("migrations.dir") != null && !Folders.isDefault(p, folder)) {
                throw new IllegalArgumentException(Folders.missing(p, folder, "reactor run") + " [in " + p.getArtifactId()
                        + "'s POM]");
            }
            return null;
        }
        return shared.get()
                .service(p.getProperties().getProperty("migrations.service", p.getArtifactId()))
                .schema(p.getProperties().getProperty("migrations.schema"))
                .table(p.getProperties().getProperty("migrations.table"))
                .dir(folder.toPath())
                .build();
    }

    /** The services of the reactor, in reactor order, limited by -Dmigrations.service (and its dependencies). */
    static List<MigrationsConfig> configs(MavenSession session, Supplier<MigrationsConfig.Builder> shared) {
        List<MigrationsConfig> all = new ArrayList<>();
        for (MavenProject p : session.getProjects()) {
            MigrationsConfig c = config(p, shared);
            if (c != null) {
                all.add(c);
            }
        }
        String only = session.getUserProperties().getProperty("migrations.service");
        if (only == null || only.isBlank()) {
            return all;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String name : only.split(",")) {
            selected.add(name.strip());
        }
        Set<String> known = new LinkedHashSet<>(all.stream().map(MigrationsConfig::service).toList());
        for (String name : selected) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("-Dmigrations.service names " + name + ", which is not a service of this"
                        + " reactor with a migrations folder (fix: use one of " + String.join(", ", known) + ")");
            }
        }
        if (Boolean.parseBoolean(session.getUserProperties().getProperty("migrations.withDependencies", "false"))) {
            selected = Reactor.withRequired(selected, all);
        }
        Set<String> keep = selected;
        return all.stream().filter(c -> keep.contains(c.service())).toList();
    }
}
