package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seed data: {@code seeds/*.sql} for every environment, then {@code seeds/<environment>/*.sql} for
 * one, each group in file-name order. Files are read in full, as migrations are. See docs/seeds.md.
 */
public final class Seeds {

    public static final String DIR = "seeds";

    /** One seed file; {@code name} is its path under the migrations folder, with '/' (the key it is tracked by). */
    public record Seed(String name, Script script) {
    }

    /** The seeds read, in the order they run, and why some could not be read. */
    public record Read(List<Seed> seeds, List<Problem> problems, List<String> warnings) {
        public Read {
            seeds = List.copyOf(seeds);
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private Seeds() {
    }

    /** The seeds that run in {@code environment}; no seeds folder means no seeds. */
    public static Read read(Path migrationsDir, String environment) {
        return read(migrationsDir, environment, true);
    }

    /** Every seed of every environment folder, for validate. */
    public static Read readAll(Path migrationsDir) {
        return read(migrationsDir, null, false);
    }

    /** The common seeds, then those of {@code environment}, or of every environment folder when it is null. */
    private static Read read(Path migrationsDir, String environment, boolean warnAboutFolders) {
        List<Seed> seeds = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path root = migrationsDir.resolve(DIR);
        if (Files.isDirectory(root)) {
            readFolder(migrationsDir, root, seeds, problems, warnings, warnAboutFolders);
            List<Path> environments = environment == null ? list(root, problems) : List.of(root.resolve(environment));
            for (Path sub : environments) {
                if (Files.isDirectory(sub)) {
                    readFolder(migrationsDir, sub, seeds, problems, warnings, false);
                }
            }
        }
        return new Read(seeds, problems, warnings);
    }

    private static void readFolder(Path migrationsDir, Path folder, List<Seed> seeds, List<Problem> problems,
                                   List<String> warnings, boolean warnAboutFolders) {
        for (Path p : list(folder, problems)) {
            String fileName = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                if (warnAboutFolders && !Environments.NAME.matcher(fileName).matches()) {
                    warnings.add(p + ": folder ignored; seeds/<environment>/ holds one environment's seeds");
                }
                continue;
            }
            if (!fileName.endsWith(".sql")) {
                continue;
            }
            Script script = MigrationReader.readFile(p, problems);
            if (script != null) {
                String name = migrationsDir.relativize(p).toString().replace('\\', '/');
                seeds.add(new Seed(name, script));
            }
        }
    }

    private static List<Path> list(Path folder, List<Problem> problems) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            problems.add(Check.FOLDER.at(folder, 0, 0, "cannot list the folder: " + e.getMessage(),
                    "check that the folder is readable"));
            return List.of();
        }
    }
}
