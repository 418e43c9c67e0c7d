package dev.dbmigrations.engine.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The migration templates: the packaged ones (the migrations-templates artifact, on the class path
 * under dev/dbmigrations/templates) and a service's own in {@code migrations/templates/}, which
 * override a packaged type of the same name and can add new types.
 */
public final class Templates {

    static final String PACKAGE = "dev/dbmigrations/templates/";
    public static final String FOLDER = "templates";

    /** One template: its up and (optional) down text, and where each came from for messages. */
    public record Template(String type, String up, String upSource, String down, String downSource, boolean custom) {
    }

    private final ClassLoader loader;
    private final Path customDir;

    public Templates(ClassLoader loader, Path migrationsDir) {
        this.loader = loader;
        this.customDir = migrationsDir.resolve(FOLDER);
    }

    /** Type → one-line description, packaged first, then the service's own. */
    public Map<String, String> types() {
        Map<String, String> out = new LinkedHashMap<>();
        String index = resource(PACKAGE + "types.txt");
        if (index != null) {
            for (String line : index.split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    String[] parts = l.split("\\s+", 2);
                    out.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
        }
        if (Files.isDirectory(customDir)) {
            try (Stream<Path> files = Files.list(customDir)) {
                files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".up.sql")).sorted()
                        .forEach(f -> out.merge(f.substring(0, f.length() - ".up.sql".length()),
                                "the service's own template", (a, b) -> a + " (overridden by the service's templates/)"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The template of {@code type}, or null when there is none. */
    public Template load(String type) {
        Path up = customDir.resolve(type + ".up.sql");
        if (Files.isRegularFile(up)) {
            Path down = customDir.resolve(type + ".down.sql");
            return new Template(type, read(up), up.toString(), Files.isRegularFile(down) ? read(down) : null,
                    down.toString(), true);
        }
        String upText = resource(PACKAGE + type + ".up.sql");
        if (upText == null) {
            return null;
        }
        return new Template(type, upText, "packaged template " + type + ".up.sql", resource(PACKAGE + type + ".down.sql"),
                "packaged template " + type + ".down.sql", false);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String resource(String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
