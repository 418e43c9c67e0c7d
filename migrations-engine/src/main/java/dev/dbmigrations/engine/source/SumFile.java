package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * migrations.sum, the folder's integrity file (like Atlas's atlas.sum): one line per migration file
 * with its checksum, and a first line with a checksum over all of them. Written by
 * {@code migrations:hash}, checked by {@code migrations:validate}. Because the first line changes with
 * every added file, two branches that each add a migration conflict in git instead of colliding.
 */
public final class SumFile {

    public static final String FILE = "migrations.sum";
    static final String HEADER = "# migrations.sum: written by migrations:hash, checked by migrations:validate; do not edit";

    /** The files and their checksums, by path relative to the folder (with '/'), in version order. */
    public record Sum(Map<String, String> files, String total, boolean totalMatches, int lineOfTotal,
                      Map<String, Integer> lines) {
    }

    private SumFile() {
    }

    /** The lines of the sum of {@code set}, as {@link #write} would write them. */
    public static List<String> render(MigrationSet set) {
        Map<String, String> files = entries(set);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("sum " + total(files));
        files.forEach((path, sum) -> lines.add(path + " " + sum));
        return lines;
    }

    public static Map<String, String> entries(MigrationSet set) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Migration m : set.migrations()) {
            files.put(relative(set.dir(), m.up().path()), m.up().checksum());
            if (m.down() != null) {
                files.put(relative(set.dir(), m.down().path()), m.down().checksum());
            }
        }
        return files;
    }

    public static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    static String total(Map<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            files.forEach((path, sum) -> md.update((path + " " + sum + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(MigrationSet set) throws IOException {
        Files.write(set.dir().resolve(FILE), render(set), StandardCharsets.UTF_8);
    }

    /**
     * Sets the recorded checksums of {@code changed} (paths relative to the folder) in an existing sum
     * file and recomputes its sum line; every other line stays as it was. Returns false, changing
     * nothing, when there is no sum file or it cannot be read cleanly.
     */
    public static boolean update(Path dir, Map<String, String> changed) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Sum sum = read(dir, problems);
        if (sum == null || !problems.isEmpty()) {
            return false;
        }
        Map<String, String> files = new LinkedHashMap<>(sum.files());
        changed.forEach((path, checksum) -> {
            if (files.containsKey(path)) {
                files.put(path, checksum);
            }
        });
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("sum " + total(files));
        files.forEach((path, checksum) -> lines.add(path + " " + checksum));
        Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
        return true;
    }

    /** Reads the sum file, or returns null when there is none; syntax errors go to {@code problems}. */
    public static Sum read(Path dir, List<Problem> problems) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(Check.SUM_FILE.at(file, 0, 0, "cannot read: " + e.getMessage(), "check the file"));
            return null;
        }
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        String total = null;
        int totalLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("<<<<<<<") || line.startsWith(">>>>>>>") || line.startsWith("=======")) {
                problems.add(Check.SUM_FILE.at(file, i + 1, 1, "migrations.sum has a merge conflict: two branches"
                        + " changed the migrations", "keep both branches' migrations with distinct versions (renumber"
                        + " the newer one), then run mvn migrations:hash"));
                return null;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !parts[1].matches("[0-9a-f]{64}")) {
                problems.add(Check.SUM_FILE.at(file, i + 1, 1, "line is not '<file> <sha256>'",
                        "run mvn migrations:hash to rewrite the file"));
                continue;
            }
            if (parts[0].equals("sum")) {
                total = parts[1];
                totalLine = i + 1;
            } else {
                files.put(parts[0], parts[1]);
                lineOf.put(parts[0], i + 1);
            }
        }
        boolean matches = total != null && total.equals(total(files));
        return new Sum(files, total, matches, totalLine, lineOf);
    }
}
