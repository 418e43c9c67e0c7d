package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Problem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the folder reader, checked by jqwik on generated folders: a folder of well-formed
 * files with distinct versions reads into exactly those migrations, in version order, whatever the
 * padding and the names on each side; any folder at all reads without throwing, and every refusal
 * names a file, a check, a message and a fix.
 */
class ReaderPropertiesTest {

    record Pair(long version, String pad, String upName, String downName, boolean hasDown) {
        String versionText() {
            return pad + version;
        }
    }

    @Provide
    Arbitrary<List<Pair>> pairs() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<Pair> pair = net.jqwik.api.Combinators.combine(
                Arbitraries.longs().between(1, 99_999_999_999_999L), Arbitraries.of("", "0", "000"), name, name,
                Arbitraries.of(true, false)).as(Pair::new);
        return pair.list().ofMinSize(1).ofMaxSize(12).uniqueElements(Pair::version);
    }

    @Property(tries = 100)
    void wellFormedFilesReadIntoExactlyTheirMigrations(@ForAll("pairs") List<Pair> pairs) throws IOException {
        Path dir = Files.createTempDirectory("reader-prop");
        try {
            for (Pair p : pairs) {
                Files.writeString(dir.resolve(p.versionText() + "_" + p.upName() + ".up.sql"), "select " + p.version() + ";");
                if (p.hasDown()) {
                    Files.writeString(dir.resolve(p.versionText() + "_" + p.downName() + ".down.sql"), "select 0;");
                }
            }
            MigrationSet set = MigrationReader.read(dir);
            assertEquals(List.of(), set.problems());
            assertEquals(pairs.stream().map(Pair::version).sorted().toList(),
                    set.migrations().stream().map(Migration::version).toList());
            Map<Long, Pair> byVersion = pairs.stream().collect(Collectors.toMap(Pair::version, p -> p));
            for (Migration m : set.migrations()) {
                Pair p = byVersion.get(m.version());
                assertEquals(p.upName(), m.name());
                assertEquals(p.hasDown(), m.down() != null);
            }
        } finally {
            delete(dir);
        }
    }

    @Provide
    Arbitrary<Map<String, String>> anyFolder() {
        Arbitrary<String> fileName = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789_abc.updownsql").ofMinLength(1).ofMaxLength(24),
                Arbitraries.integers().between(0, 30).map(v -> v + "_x.up.sql"),
                Arbitraries.integers().between(0, 30).map(v -> v + "_y.down.sql"),
                Arbitraries.of("99999999999999999999_big.up.sql", ".hidden.sql", "readme.md"));
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("select 1;", "select 'open", "-- migrations:no-transaction\nselect 1;", "\uFEFFselect 1;"));
        return Arbitraries.maps(fileName.filter(n -> !n.equals(".") && !n.equals("..")), text).ofMaxSize(8);
    }

    @Property(tries = 200)
    void anyFolderReadsWithoutThrowingAndEveryRefusalIsPlaced(@ForAll("anyFolder") Map<String, String> files)
            throws IOException {
        Path dir = Files.createTempDirectory("reader-any");
        try {
            for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            MigrationSet set = MigrationReader.read(dir);
            for (Problem p : set.problems()) {
                assertNotNull(p.file(), p.format());
                assertFalse(p.check().isBlank());
                assertFalse(p.message().isBlank());
                assertTrue(p.fix() != null && !p.fix().isBlank(), p.format());
            }
            Set<Long> versions = set.migrations().stream().map(Migration::version).collect(Collectors.toSet());
            assertEquals(set.migrations().size(), versions.size(), "one migration per version");
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
