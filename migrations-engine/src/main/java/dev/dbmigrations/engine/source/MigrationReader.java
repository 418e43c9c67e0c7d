package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a migrations folder in golang-migrate layout into a {@link MigrationSet}. Nothing here
 * touches a database; every rejection is a {@link Problem} naming the file and the fix.
 */
public final class MigrationReader {

    /** golang-migrate's file name: {@code {version}_{title}.{up|down}.sql}. */
    /**
     * A migration file's name taken apart, {@code {version}_{title}.up.sql} or {@code .down.sql}: the
     * version as written (digits), the title (any characters but line breaks, at least one), the side.
     * Read by hand rather than by a regular expression: a folder of thousands of files asks it for
     * every name.
     */
    record FileName(String version, String title, boolean up) {

        /** The parts of {@code name}, or null when it is not named like a migration. */
        static FileName parse(String name) {
            boolean up = name.endsWith(".up.sql");
            if (!up && !name.endsWith(".down.sql")) {
                return null;
            }
            int end = name.length() - (up ? 7 : 9);
            int digits = 0;
            while (digits < end && name.charAt(digits) >= '0' && name.charAt(digits) <= '9') {
                digits++;
            }
            if (digits == 0 || digits + 1 >= end || name.charAt(digits) != '_') {
                return null;
            }
            for (int i = digits + 1; i < end; i++) {
                char c = name.charAt(i);
                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    return null;
                }
            }
            return new FileName(name.substring(0, digits), name.substring(digits + 1, end), up);
        }
    }
    /** The environment subfolders of a folder without environments.json. */
    public static final Set<String> ENVIRONMENT_DIRS = Set.of("development", "staging", "production");
    static final Set<String> KNOWN_DIRS = Set.of("seeds", "docs", "templates");
    static final String DIRECTIVE = "migrations:";

    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Everything is read and split now (validate, status, down); else only what an up needs (see {@link #readForUp}). */
    private final boolean full;
    /** The environment subfolders this read looks into. */
    private Set<String> environments = ENVIRONMENT_DIRS;

    private MigrationReader(boolean full) {
        this.full = full;
    }

    /** Reads every file and checks that each splits into statements. */
    public static MigrationSet read(Path dir) {
        return new MigrationReader(true).readFolder(dir);
    }

    /**
     * What an {@code up} needs: names, pairs and the up files (text, encoding, directives); the down
     * files are read only if asked for, and SQL syntax is left to {@link Script#syntaxProblems()} for the
     * files that are about to run, so that an up over thousands of applied files stays cheap.
     */
    public static MigrationSet readForUp(Path dir) {
        return new MigrationReader(false).readFolder(dir);
    }

    /**
     * The environment subfolders of {@code dir}: one per environment its environments.json defines
     * (development always), or development, staging and production when it has none.
     */
    public static Set<String> environmentFolders(Path dir) {
        Set<String> defined = Environments.names(dir);
        if (defined == null) {
            return ENVIRONMENT_DIRS;
        }
        Set<String> folders = new java.util.TreeSet<>(defined);
        folders.add("development");
        return folders;
    }

    private MigrationSet readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            problems.add(Check.FOLDER.at(dir, 0, 0, "the migrations folder does not exist",
                    "create it, or point migrations.dir at the folder that holds the *.up.sql files"));
            return new MigrationSet(dir, List.of(), problems, warnings);
        }
        // version -> files found for it, across the folder and its environment subfolders
        Map<Long, List<FileEntry>> byVersion = new TreeMap<>();
        environments = environmentFolders(dir);
        scan(dir, null, byVersion);
        for (String env : environments.stream().sorted().toList()) {
            Path sub = dir.resolve(env);
            if (Files.isDirectory(sub)) {
                scan(sub, env, byVersion);
            }
        }
        // the files this read needs, loaded (read, decoded, hashed, directives read and, in a full read, split
        // and checked) on every core before they are assembled in order
        Map<Path, Loaded> loaded = byVersion.values().stream().flatMap(List::stream)
                .filter(f -> full || f.up())
                .toList().parallelStream()
                .collect(Collectors.toConcurrentMap(FileEntry::path, f -> load(f.path(), full)));
        List<Migration> migrations = new ArrayList<>();
        for (Map.Entry<Long, List<FileEntry>> e : byVersion.entrySet()) {
            Migration m = assemble(e.getKey(), e.getValue(), loaded);
            if (m != null) {
                migrations.add(m);
            }
        }
        migrations.sort(Comparator.comparingLong(Migration::version));
        return new MigrationSet(dir, migrations, problems, warnings, skipped);
    }

    /** Whether {@code folder} holds files named like migrations. */
    private static boolean holdsMigrations(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.anyMatch(f -> FileName.parse(f.getFileName().toString()) != null);
        } catch (IOException e) {
            return false;
        }
    }

    private record FileEntry(Path path, long version, String versionText, String name, boolean up, String env) {
    }

    /** A folder entry and its file name. */
    private record Named(String name, Path path) {
    }

    private void scan(Path folder, String env, Map<Long, List<FileEntry>> byVersion) {
        List<Named> entries;
        try (Stream<Path> list = Files.list(folder)) {
            // sorted by name as a string: the same order as by path within one folder, at a fraction of
            // the cost for a folder of thousands of files
            entries = list.map(p -> new Named(p.getFileName().toString(), p)).sorted(Comparator.comparing(Named::name))
                    .toList();
        } catch (IOException e) {
            problems.add(Check.FOLDER.at(folder, 0, 0, "cannot list the folder: " + e.getMessage(),
                    "check that the folder is readable"));
            return;
        }
        for (Named named : entries) {
            Path p = named.path();
            String fileName = named.name();
            // a name shaped like a migration is taken for a file without asking the file system (one call
            // less per file); if it is a folder after all, reading it fails with the file's name
            boolean sql = fileName.endsWith(".sql");
            FileName m = sql ? FileName.parse(fileName) : null;
            boolean migrationName = m != null;
            if (!migrationName && Files.isDirectory(p)) {
                if (env == null && !environments.contains(fileName) && !KNOWN_DIRS.contains(fileName)
                        && !fileName.startsWith(".")) {
                    String where = environments.stream().sorted().map(e -> e + "/").collect(Collectors.joining(", "));
                    if (Files.isRegularFile(folder.resolve(Environments.FILE)) && holdsMigrations(p)) {
                        problems.add(Check.ENVIRONMENT_FOLDER.at(p, 0, 0, "'" + fileName + "' holds migrations, and "
                                + Environments.FILE + " defines no environment " + fileName + " (its folders: " + where
                                + "): they would never run", "add \"" + fileName + "\": {} to " + Environments.FILE
                                + ", or move the files into one of its folders"));
                    } else {
                        warnings.add(p + ": folder ignored; migrations live in the folder itself or in " + where);
                    }
                } else if (env != null) {
                    warnings.add(p + ": folder ignored; environment folders hold files, not folders");
                }
                continue;
            }
            if (!sql) {
                continue;
            }
            if (!migrationName) {
                problems.add(Check.FILE_NAME.at(p, 0, 0, "'" + fileName + "' does not match {version}_{name}.up.sql or {version}_{name}.down.sql",
                        "rename it, e.g. 0001_create_users.up.sql; seed files belong in seeds/"));
                continue;
            }
            long version;
            try {
                version = Long.parseLong(m.version());
            } catch (NumberFormatException e) {
                problems.add(Check.FILE_NAME.at(p, 0, 0, "version " + m.version() + " is larger than a bigint",
                        "use a sequential number or a timestamp such as 20261124103000"));
                continue;
            }
            byVersion.computeIfAbsent(version, k -> new ArrayList<>())
                    .add(new FileEntry(p, version, m.version(), m.title(), m.up(), env));
        }
    }

    /**
     * One version's files as golang-migrate pairs them: by version alone (the title is a description
     * it never reads), so {@code 7_add_nickname.up.sql} and {@code 7_drop_nickname.down.sql} are one
     * migration; {@code migrations:validate} warns about the differing names. Refused: two up or two
     * down files for one version (every file is named), a down file with no up file, and the two
     * sides in different environment folders.
     */
    private Migration assemble(long version, List<FileEntry> files, Map<Path, Loaded> loaded) {
        List<FileEntry> ups = files.stream().filter(FileEntry::up).toList();
        List<FileEntry> downs = files.stream().filter(f -> !f.up()).toList();
        if (ups.size() > 1 || downs.size() > 1) {
            List<FileEntry> twice = ups.size() > 1 ? ups : downs;
            problems.add(Check.DUPLICATE_VERSION.at(twice.get(1).path(), 0, 0, "version " + version + " is used by " + twice.size() + " " + (twice == ups ? "up" : "down") + " files: "
                            + String.join(", ", twice.stream().map(f -> f.path().toString()).toList()),
                    "give all but one of them the next free versions (versions are unique across the folder and its"
                            + " environment subfolders)"));
            skipped(files, "version " + version + " is used twice");
            return null;
        }
        FileEntry up = ups.isEmpty() ? null : ups.get(0);
        FileEntry down = downs.isEmpty() ? null : downs.get(0);
        if (up == null) {
            problems.add(Check.DOWN_WITHOUT_UP.at(down.path(), 0, 0, "down file without an up file for version " + down.versionText(),
                    "add " + down.versionText() + "_" + down.name() + ".up.sql next to it, or delete the down file"));
            skipped(files, "a down file without an up file");
            return null;
        }
        if (down != null && !java.util.Objects.equals(down.env(), up.env())) {
            problems.add(Check.DOWN_WITHOUT_UP.at(down.path(), 0, 0, "the down file of version " + version + " is not in the folder of its up file " + up.path(),
                    "move it next to the up file"));
            skipped(files, "its up and down files are in different environment folders");
            return null;
        }
        Script upScript = script(loaded.get(up.path()));
        Script downScript = down == null ? null : full ? script(loaded.get(down.path())) : deferred(down.path());
        if (upScript == null || (down != null && downScript == null)) {
            skipped(files, "a file that cannot be read");
            return null;
        }
        return new Migration(version, up.versionText(), up.name(), up.env(), upScript, downScript);
    }

    /** Migrations left out of the set, with why, so that validate can count them instead of dropping them silently. */
    private final List<String> skipped = new ArrayList<>();

    private void skipped(List<FileEntry> files, String why) {
        skipped.add(files.get(0).versionText() + "_" + files.get(0).name() + " (" + why + ")");
    }

    private Script readScript(Path path) {
        return script(load(path, full));
    }

    /**
     * A file read: its script, or why it cannot be used (unreadable, not UTF-8, a bad directive, in a
     * full read also SQL that does not split). No shared state, so files load in parallel.
     */
    private record Loaded(Script script, List<Problem> problems) {
    }

    private static Loaded load(Path path, boolean full) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            return new Loaded(null, List.of(Check.READ.at(path, 0, 0, "cannot read the file: " + e.getMessage(),
                    "check that it is readable")));
        }
        String text = decode(bytes);
        if (text == null) {
            return new Loaded(null, List.of(encodingProblem(path, bytes)));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        List<Problem> problems = new ArrayList<>();
        Directives directives = directives(path, text, problems);
        Script script = new Script(path, text, checksum(text), directives.noTransaction, directives.ignores);
        if (full) {
            problems.addAll(script.syntaxProblems());
        }
        return new Loaded(problems.isEmpty() ? script : null, problems);
    }

    private Script script(Loaded loaded) {
        problems.addAll(loaded.problems());
        return loaded.script();
    }

    /**
     * One SQL file read on its own and in full (a seed file, a deferred down file): its text, encoding,
     * directives and statements checked. Returns null, with the reasons added to {@code problems}, when
     * it cannot be used.
     */
    public static Script readFile(Path path, List<Problem> problems) {
        MigrationReader reader = new MigrationReader(true);
        Script s = reader.readScript(path);
        problems.addAll(reader.problems);
        return s;
    }

    /** A file read on first use; if it cannot be read then, the exception names the file and the fix. */
    private static Script deferred(Path path) {
        return Script.deferred(path, () -> {
            List<Problem> problems = new ArrayList<>();
            Script s = readFile(path, problems);
            if (s == null) {
                throw new dev.dbmigrations.engine.api.MigrationsException(problems.stream().map(Problem::format)
                        .reduce((a, b) -> a + "\n" + b).orElse(path + ": cannot be read"));
            }
            return s;
        });
    }

    /** The text, or null when the bytes are not valid UTF-8. */
    private static String decode(byte[] bytes) {
        // the lenient decoder is fast; only text that came out with a replacement character needs the strict one
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Problem encodingProblem(Path path, byte[] bytes) {
        int bad = firstInvalidUtf8(bytes);
        int line = 1;
        int col = 1;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
                col = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return Check.ENCODING.at(path, line, col, String.format("the file is not valid UTF-8 (byte 0x%02X at offset %d)", bytes[bad] & 0xFF, bad),
                "save the file as UTF-8, e.g. iconv -f LATIN1 -t UTF-8");
    }

    /** The offset of the first byte that does not start a valid UTF-8 sequence. */
    static int firstInvalidUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int len;
            int min;
            if (b < 0x80) {
                i++;
                continue;
            } else if (b >= 0xC2 && b <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + len > bytes.length) {
                return i;
            }
            int cp = b & (0xFF >> (len + 1));
            for (int k = 1; k < len; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += len;
        }
        return Math.max(0, bytes.length - 1);
    }

    private record Directives(boolean noTransaction, List<String> ignores) {
    }

    /** Header directives: {@code -- migrations:...} comment lines before the first statement. */
    private static Directives directives(Path path, String text, List<Problem> problems) {
        boolean noTx = false;
        List<String> ignores = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        // only the header is looked at: the scan stops at the first line that is not blank or a comment
        while (start <= text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            lineNo++;
            String raw = text.substring(start, end);
            String line = raw.strip();
            if (end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            String comment = line.substring(2).strip();
            if (!comment.startsWith(DIRECTIVE)) {
                continue;
            }
            String rest = comment.substring(DIRECTIVE.length()).strip();
            String keyword = rest.split("\\s+", 2)[0];
            switch (keyword) {
                case "no-transaction" -> noTx = true;
                case "ignore" -> ignores.add(rest.substring(keyword.length()).strip());
                default -> problems.add(Check.DIRECTIVE.at(path, lineNo, raw.indexOf("migrations:") + 1,
                        "unknown directive 'migrations:" + keyword + "'",
                        "use '-- migrations:no-transaction' or '-- migrations:ignore <rule-id> <reason>'"));
            }
        }
        return new Directives(noTx, ignores);
    }

    /** SHA-256 of the text with CRLF and CR turned into LF, as lower-case hex. */
    public static String checksum(String text) {
        String normalised = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        return HexFormat.of().formatHex(SHA_256.get().digest(normalised.getBytes(StandardCharsets.UTF_8)));
    }

    /** One digest per thread: looking the algorithm up for each of thousands of files costs more than hashing them. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

}
