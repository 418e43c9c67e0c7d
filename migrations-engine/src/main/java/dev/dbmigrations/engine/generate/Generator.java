package dev.dbmigrations.engine.generate;

import dev.dbmigrations.engine.api.Check;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.GenerateRequest;
import dev.dbmigrations.engine.api.GenerateResult;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.lint.Catalog;
import dev.dbmigrations.engine.lint.Columns;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import dev.dbmigrations.engine.source.SumFile;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;
import dev.dbmigrations.engine.sql.TokenType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code migrations:generate}: picks the next version in the folder's own format, renders a
 * template pair, writes both files (never over an existing one), and keeps migrations.sum,
 * dependencies.json and the folder's README.md current.
 */
public final class Generator {

    /** Every variable a template may use. */
    public static final Set<String> VARIABLES = new TreeSet<>(List.of("name", "version", "service", "schema",
            "table", "column", "references", "value", "object", "timestamp", "author", "seed_columns", "seed_values",
            "seed_match"));
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    static final Pattern FILE = Pattern.compile("^([0-9]+)_(.+)\\.(up|down)\\.sql$");
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    static final String LIST_START = "<!-- migrations:list:start (kept current by migrations:generate) -->";
    static final String LIST_END = "<!-- migrations:list:end -->";

    private final Path dir;
    private final String service;
    private final String schema;
    private final Templates templates;
    private final Clock clock;

    public Generator(Path dir, String service, String schema, ClassLoader loader, Clock clock) {
        this.dir = dir;
        this.service = service;
        this.schema = schema;
        this.templates = new Templates(loader, dir);
        this.clock = clock;
    }

    public Map<String, String> types() {
        return templates.types();
    }

    public GenerateResult generate(GenerateRequest req) {
        if (req.name() == null || req.name().isBlank()) {
            return GenerateResult.refused(Check.GENERATE_NAME.of("no migration name given",
                    "pass -Dmigrations.name=add_user_profiles (lower snake case)"));
        }
        if (!Naming.isSnakeCase(req.name())) {
            return GenerateResult.refused(Check.GENERATE_NAME.of("the name '" + req.name() + "' is not lower snake case",
                    "use -Dmigrations.name=" + Naming.suggest(req.name())));
        }
        String type = req.type() == null || req.type().isBlank() ? "blank" : req.type();
        Templates.Template template = templates.load(type);
        if (template == null) {
            return GenerateResult.refused(Check.GENERATE_TYPE.of("there is no migration type '" + type + "'",
                    "use -Dmigrations.type= one of " + String.join(", ", templates.types().keySet())
                            + ", or add " + dir.resolve(Templates.FOLDER).resolve(type + ".up.sql")));
        }
        java.util.Set<String> environments = MigrationReader.environmentFolders(dir);
        if (req.only() != null && !req.only().isBlank() && !environments.contains(req.only())) {
            return GenerateResult.refused(Check.GENERATE_ONLY.of("migrations.only '" + req.only() + "' is not an environment folder",
                    "use one of " + String.join(", ", new java.util.TreeSet<>(environments))));
        }
        String version;
        try {
            version = nextVersion(req.versionFormat());
        } catch (IllegalArgumentException e) {
            return GenerateResult.refused(Check.VERSION_FORMAT.of(e.getMessage(),
                    "use -Dmigrations.versionFormat=sequential or timestamp"));
        }
        Map<String, String> vars = variables(req, version);
        for (String[] part : new String[][] {{template.up(), template.upSource()}, {template.down(), template.downSource()}}) {
            if (part[0] == null) {
                continue;
            }
            Problem p = checkVariables(part[0], part[1], vars, req.name());
            if (p != null) {
                return GenerateResult.refused(p);
            }
        }
        Path folder = req.only() == null || req.only().isBlank() ? dir : dir.resolve(req.only());
        String id = version + "_" + req.name();
        Path up = folder.resolve(id + ".up.sql");
        Path down = folder.resolve(id + ".down.sql");
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            write(up, render(template.up(), vars));
            written.add(up);
            if (template.down() != null) {
                write(down, render(template.down(), vars));
                written.add(down);
            }
        } catch (FileAlreadyExistsException e) {
            written.forEach(Generator::deleteQuietly);
            return GenerateResult.refused(Check.FILE_EXISTS.at(Path.of(e.getFile()), 0, 0, "the file already exists",
                    "nothing was written; run generate again (it picks the next free version)"));
        } catch (IOException e) {
            written.forEach(Generator::deleteQuietly);
            throw new UncheckedIOException(e);
        }
        List<Path> updated = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        updateFolderFiles(req, type, version, id, vars.get("table"), vars.get("references"), updated, notes);
        notes.add("Next: edit " + up.getFileName() + (template.down() != null ? " and its down file" : "")
                + ", then run mvn migrations:validate and mvn migrations:up"
                + (Files.isRegularFile(dir.resolve(SumFile.FILE))
                ? "; when it is final, mvn migrations:hash and commit migrations.sum with it" : ""));
        return new GenerateResult(version, written, updated, notes, List.of());
    }

    /** The template variables: derived from the name, given with -D, and the run's own. */
    private Map<String, String> variables(GenerateRequest req, String version) {
        Map<String, String> vars = new LinkedHashMap<>(Naming.derive(req.name()));
        req.variables().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                vars.put(k, v);
            }
        });
        vars.put("name", req.name());
        vars.put("version", version);
        vars.put("service", service);
        vars.put("schema", schema);
        vars.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        vars.put("author", req.author() != null && !req.author().isBlank() ? req.author() : author());
        seedRow(vars.get("table"), vars);
        return vars;
    }

    /**
     * The seed template's row, from the table as the folder creates it: the columns a row must be given
     * (no default, no identity, not generated) with a sample value of their type, or, for a table whose
     * every column has a default, a row of defaults marked by its created_at when the table has one.
     * A table the folder does not create gets a row of defaults and a down that deletes nothing:
     * both are the starting point to edit.
     */
    void seedRow(String table, Map<String, String> vars) {
        List<Columns.Column> columns = table == null ? List.of() : createdColumns(table);
        List<Columns.Column> needed = columns.stream().filter(c -> (c.has("not", "null") || c.isPrimaryKey())
                && !c.has("default") && !c.has("generated") && !c.typeName().contains("serial")).toList();
        boolean marked = columns.stream().anyMatch(c -> c.name().equals("created_at"));
        if (!needed.isEmpty()) {
            String names = needed.stream().map(Columns.Column::name).collect(java.util.stream.Collectors.joining(", "));
            String values = needed.stream().map(c -> sample(c.typeName())).collect(java.util.stream.Collectors.joining(", "));
            vars.put("seed_columns", " (" + names + ")");
            vars.put("seed_values", "values (" + values + ")");
            vars.put("seed_match", "(" + names + ") = (" + values + ")");
        } else if (marked) {
            vars.put("seed_columns", " (created_at)");
            vars.put("seed_values", "values ('2000-01-01 00:00:00+00')");
            vars.put("seed_match", "created_at = '2000-01-01 00:00:00+00'");
        } else {
            vars.put("seed_columns", "");
            vars.put("seed_values", "default values");
            vars.put("seed_match", "false /* name the rows the up file inserts */");
        }
    }

    /** The columns of {@code table} as the folder's CREATE TABLE defines them, or none. */
    private List<Columns.Column> createdColumns(String table) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        for (Migration m : MigrationReader.read(dir).migrations()) {
            for (SqlStatement st : m.up().statements()) {
                List<Columns.Column> columns = Columns.ofCreateTable(st);
                if (!columns.isEmpty() && Catalog.sameLastPart(columns.get(0).table(), table)) {
                    return columns;
                }
            }
        }
        return List.of();
    }

    /** A value of a column type for a seed row to start from. */
    private static String sample(String type) {
        if (type.matches(".*(char|text|citext).*")) {
            return "'example'";
        }
        if (type.matches(".*(int|numeric|decimal|real|double|float|money).*")) {
            return "0";
        }
        if (type.startsWith("bool")) {
            return "false";
        }
        if (type.startsWith("timestamp") || type.equals("date")) {
            return "'2000-01-01'";
        }
        if (type.equals("uuid")) {
            return "'00000000-0000-0000-0000-000000000000'";
        }
        if (type.startsWith("json")) {
            return "'{}'";
        }
        return "null";
    }

    /**
     * After a new pair is written: migrations.sum (when the folder keeps one), a dependency on the
     * newest migration that touches the same table, and for a foreign key on the newest that touches the
     * referenced table, and the folder's README list.
     */
    private void updateFolderFiles(GenerateRequest req, String type, String version, String id, String table,
                                   String references, List<Path> updated, List<String> notes) {
        MigrationSet set = MigrationReader.read(dir);
        if (Files.isRegularFile(dir.resolve(SumFile.FILE))) {
            if (set.ok()) {
                io(() -> SumFile.write(set));
                updated.add(dir.resolve(SumFile.FILE));
            } else {
                notes.add("migrations.sum not updated: the folder has problems (run mvn migrations:validate)");
            }
        }
        if (set.ok() && table != null && !type.equals("blank")) {
            String env = req.only() == null || req.only().isBlank() ? null : req.only();
            List<String> tables = new ArrayList<>(List.of(table));
            if (references != null && !references.equals(table) && type.equals("foreign-key")) {
                tables.add(references);  // the referenced table must exist before the constraint
            }
            for (String t : tables) {
                Migration previous = newestTouching(set, t, Long.parseLong(version), env);
                if (previous != null && addDependency(id, previous.id(), notes)) {
                    if (!updated.contains(dir.resolve(Dependencies.FILE))) {
                        updated.add(dir.resolve(Dependencies.FILE));
                    }
                    notes.add(id + " depends on " + previous.id() + ", the newest migration that touches " + t);
                }
            }
        }
        if (set.ok()) {
            io(() -> refreshReadme(set));
            updated.add(dir.resolve("README.md"));
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void io(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the file was ours
        }
    }

    /** Every ${variable} of the template must be known, and have a value. */
    private Problem checkVariables(String text, String source, Map<String, String> vars, String name) {
        Matcher m = VARIABLE.matcher(text);
        String[] lines = text.split("\n", -1);
        while (m.find()) {
            if (m.start() > 0 && text.charAt(m.start() - 1) == '$') {
                continue; // $${x} is an escaped literal
            }
            String var = m.group(1);
            int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            int column = m.start() - text.lastIndexOf('\n', m.start() - 1);
            Path file = source.startsWith("packaged") ? null : Path.of(source);
            if (!VARIABLES.contains(var)) {
                return Check.TEMPLATE_VARIABLE.at(file, line, column, (file == null ? source + ": " : "")
                        + "unknown variable ${" + var + "}", "use one of " + VARIABLES + "; write $${...} for a literal ${...}");
            }
            if (!vars.containsKey(var)) {
                return Check.TEMPLATE_VARIABLE.at(file, line, column, (file == null ? source + " needs " : "needs ")
                        + var + ", which the name '" + name + "' does not tell", "pass -D" + var + "=... , or name the"
                        + " migration like add_<column>_to_<table> (e.g. add_nickname_to_users)");
            }
        }
        return null;
    }

    /**
     * The template with each {@code ${variable}} replaced by its value (values are not substituted
     * again) and each {@code $${...}} written as a literal {@code ${...}}; {@link #checkVariables} has
     * made sure every variable has a value.
     */
    static String render(String text, Map<String, String> vars) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        Matcher m = VARIABLE.matcher(text);
        int at = 0;
        while (m.find()) {
            boolean escaped = m.start() > 0 && text.charAt(m.start() - 1) == '$';
            out.append(text, at, escaped ? m.start() - 1 : m.start());
            if (escaped) {
                out.append(m.group());
            } else {
                String value = vars.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("template variable ${" + m.group(1) + "} has no value");
                }
                out.append(value);
            }
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The next version: the folder's own format (sequential with its width, or timestamps), or the requested one. */
    String nextVersion(String requested) {
        List<String> existing = existingVersions();
        long max = existing.stream().mapToLong(Long::parseLong).max().orElse(0);
        String format = requested;
        if (format == null || format.isBlank()) {
            format = existing.stream().anyMatch(v -> v.length() >= 14) ? "timestamp" : "sequential";
        }
        switch (format.toLowerCase(Locale.ROOT)) {
            case "timestamp": {
                long now = Long.parseLong(TIMESTAMP.format(clock.instant()));
                return Long.toString(Math.max(now, max + 1));
            }
            case "sequential": {
                int width = existing.stream().filter(v -> v.length() < 14).mapToInt(String::length).max().orElse(4);
                long next = existing.stream().filter(v -> v.length() < 14).mapToLong(Long::parseLong).max().orElse(0) + 1;
                if (max >= 10_000_000_000_000L && requested != null) {
                    throw new IllegalArgumentException("the folder uses timestamps; a sequential version would sort before them");
                }
                return String.format("%0" + width + "d", next);
            }
            default:
                throw new IllegalArgumentException("unknown version format '" + requested + "'");
        }
    }

    private List<String> existingVersions() {
        List<String> out = new ArrayList<>();
        List<Path> folders = new ArrayList<>(List.of(dir));
        MigrationReader.environmentFolders(dir).forEach(e -> folders.add(dir.resolve(e)));
        for (Path f : folders) {
            if (!Files.isDirectory(f)) {
                continue;
            }
            try (Stream<Path> files = Files.list(f)) {
                files.map(p -> FILE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                        .map(m -> m.group(1)).filter(v -> v.length() < 19).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * The newest migration (below {@code version}) whose up file names {@code table}, among those a
     * migration of {@code environment} may depend on: common ones, and its own environment's.
     */
    static Migration newestTouching(MigrationSet set, String table, long version, String environment) {
        Migration found = null;
        for (Migration m : set.migrations()) {
            if (m.version() >= version || (m.environment() != null && !m.environment().equals(environment))) {
                continue;
            }
            for (SqlStatement st : m.up().statements()) {
                boolean hit = false;
                for (Token t : st.tokens()) {
                    String name = t.type() == TokenType.WORD ? t.text().toLowerCase(Locale.ROOT)
                            : t.type() == TokenType.QUOTED_IDENTIFIER ? t.text().substring(1, t.text().length() - 1) : null;
                    if (table.equals(name)) {
                        hit = true;
                        break;
                    }
                }
                if (hit) {
                    found = m;
                    break;
                }
            }
        }
        return found;
    }

    /** Adds {@code id requires previous} to dependencies.json, keeping what is there; false when it cannot. */
    private boolean addDependency(String id, String previous, List<String> notes) {
        Path file = dir.resolve(Dependencies.FILE);
        ObjectMapper mapper = new ObjectMapper();
        try {
            ObjectNode root;
            if (Files.isRegularFile(file)) {
                JsonNode existing = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
                if (existing == null || !existing.isObject()) {
                    notes.add("dependencies.json not updated: it is not a JSON object");
                    return false;
                }
                root = (ObjectNode) existing;
            } else {
                root = mapper.createObjectNode();
            }
            // a second requirement of the same new migration (a foreign key's referenced table) joins the first
            ObjectNode entry = root.get(id) instanceof ObjectNode e ? e : root.putObject(id);
            ArrayNode requires = entry.get("requires") instanceof ArrayNode r ? r : entry.putArray("requires");
            for (JsonNode r : requires) {
                if (r.asText().equals(previous)) {
                    return false;
                }
            }
            requires.add(previous);
            if (!entry.has("conflicts")) {
                entry.putArray("conflicts");
            }
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            Files.writeString(file, mapper.writer(printer).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            notes.add("dependencies.json not updated: " + e.getMessage());
            return false;
        }
    }

    /** Rewrites the migration list between the markers of the folder's README.md, creating the file if needed. */
    void refreshReadme(MigrationSet set) throws IOException {
        Path readme = dir.resolve("README.md");
        StringBuilder list = new StringBuilder(LIST_START).append("\n\n");
        list.append("| version | migration | environment | reversible | purpose |\n|---|---|---|---|---|\n");
        for (Migration m : set.migrations()) {
            list.append("| ").append(m.versionText()).append(" | ").append(m.name()).append(" | ")
                    .append(m.environment() == null ? "all" : m.environment()).append(" | ")
                    .append(m.reversible() ? "yes" : "no").append(" | ").append(purpose(m.up().text())).append(" |\n");
        }
        list.append('\n').append(LIST_END);
        String text;
        if (Files.isRegularFile(readme)) {
            text = Files.readString(readme, StandardCharsets.UTF_8);
            int b = text.indexOf(LIST_START);
            int e = text.indexOf(LIST_END);
            if (b >= 0 && e > b) {
                text = text.substring(0, b) + list + text.substring(e + LIST_END.length());
            } else {
                text = text.stripTrailing() + "\n\n## Migrations\n\n" + list + "\n";
            }
        } else {
            text = "# " + service + " migrations\n\nSchema `" + schema + "`. Generate with `mvn migrations:generate"
                    + " -Dmigrations.name=... -Dmigrations.type=...`, check with `mvn migrations:validate`, apply with `mvn migrations:up`.\n\n"
                    + "## Migrations\n\n" + list + "\n";
        }
        Files.writeString(readme, text, StandardCharsets.UTF_8);
    }

    /** The "Purpose:" header line of a file, for the README. */
    static String purpose(String text) {
        return dev.dbmigrations.engine.report.MigrationPages.purpose(text).replace("|", "\\|");
    }

    /**
     * git's user.name for the folder, else the system user. A folder that does not exist yet (the first
     * migration of a service) is asked through the nearest folder above it that does.
     */
    String author() {
        Path where = dir.toAbsolutePath();
        while (where != null && !Files.isDirectory(where)) {
            where = where.getParent();
        }
        try {
            Process p = new ProcessBuilder("git", "config", "user.name")
                    .directory(where == null ? null : where.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0 && !out.isEmpty() && !out.contains("\n")) {
                return out;
            }
        } catch (IOException e) {
            // no git: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.getProperty("user.name", "unknown");
    }

}
