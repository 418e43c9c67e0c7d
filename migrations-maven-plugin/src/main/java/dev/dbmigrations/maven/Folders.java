package dev.dbmigrations.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * When a missing migrations folder is skipped and when it is an error (docs/api-reference.md,
 * "A missing folder"): a folder someone set ({@code migrations.dir}) must exist; the default
 * {@code migrations/} may be missing only in a module of a multi-module build (an aggregator's
 * child that has no migrations), and in a build of one project only for goals that change nothing.
 */
final class Folders {

    /** Per build: the modules already told that they are skipped, so that each is told once, not once per goal. */
    private static final Map<Object, Set<String>> TOLD = Collections.synchronizedMap(new WeakHashMap<>());

    private Folders() {
    }

    /** The folder a module has when it sets nothing. */
    static File defaultFolder(MavenProject project) {
        return new File(project.getBasedir(), "migrations");
    }

    /** Whether {@code dir} is the default folder, which a module may lack. */
    static boolean isDefault(MavenProject project, File dir) {
        return project != null && project.getBasedir() != null
                && defaultFolder(project).getAbsoluteFile().toPath().normalize().equals(dir.getAbsoluteFile().toPath().normalize());
    }

    /** Whether a goal may skip the missing {@code dir} instead of failing. */
    static boolean mayStay(MavenSession session, MavenProject project, File dir, boolean changesDatabase) {
        if (dir.exists() || !isDefault(project, dir)) {
            return false;
        }
        boolean multiModule = session != null && session.getProjects().size() > 1;
        return multiModule || !changesDatabase;
    }

    /**
     * Logs once per build and module that it has no migrations folder. An aggregator (a POM with
     * modules) is not a service and is expected to have none: for it, the line is debug only.
     */
    static void skipOnce(MavenSession session, MavenProject project, File dir, Log log) {
        Object build = session != null ? session.getRequest() : Folders.class;
        String module = project != null ? project.getId() : dir.toString();
        boolean first = TOLD.computeIfAbsent(build, k -> Collections.synchronizedSet(new HashSet<>())).add(module);
        String line = (project != null ? project.getArtifactId() : "this module") + " has no migrations folder ("
                + dir + "): the migrations goals skip it";
        boolean aggregator = project != null && !project.getModules().isEmpty();
        if (first && !aggregator) {
            log.info(line);
        } else {
            log.debug(line);
        }
    }

    /** Why a goal refuses a folder that is not there. */
    static String missing(MavenProject project, File dir, String goal) {
        if (dir.exists()) {
            return "migrations:" + goal + ": " + dir + " is not a folder (fix: point migrations.dir at the folder that"
                    + " holds the .up.sql files)";
        }
        if (project != null && !isDefault(project, dir)) {
            return "migrations:" + goal + ": the migrations folder " + dir + " does not exist; it was set by migrations.dir"
                    + " (fix: correct -Dmigrations.dir or <dir> in the POM, or create the folder)";
        }
        return "migrations:" + goal + ": there is no migrations folder at " + dir + ", so there is nothing to run"
                + " (fix: run the goal in the service that has the migrations, set -Dmigrations.dir, or create the first"
                + " migration with mvn migrations:generate -Dmigrations.name=...)";
    }
}
