package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.api.DepsResult;
import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyGraphTest {

    @TempDir
    Path tmp;

    private DependencyGraph.Service service(String name, String deps) {
        Path dir = tmp.resolve(name);
        new Folder(dir).migration("0001_create_a", "select 1;", null).migration("0002_create_b", "select 2;", null)
                .file("dependencies.json", deps);
        MigrationSet set = MigrationReader.read(dir);
        return new DependencyGraph.Service(name, set, Dependencies.read(dir, set.migrations()));
    }

    @Test
    void rendersTreeMermaidAndDot() {
        DepsResult r = DependencyGraph.of(List.of(service("orders", "{\"0002_create_b\": {\"requires\": [\"customers:0001_create_a\"]}}"),
                service("customers", "{}")));
        assertTrue(r.ok(), r.errors().toString());
        assertTrue(r.tree().contains("    └── requires customers:0001_create_a"), r.tree().toString());
        assertTrue(r.mermaid().contains("m_orders_2 --> m_customers_1"), r.mermaid());
        assertTrue(r.mermaid().contains("subgraph m_customers[\"customers\"]"), r.mermaid());
        assertTrue(r.dot().contains("\"orders:2\" -> \"customers:1\";"), r.dot());
    }

    @Test
    void reportsCyclesMissingTargetsAndServicesOutsideTheRun() {
        DepsResult cycle = DependencyGraph.of(List.of(service("a", "{\"0001_create_a\": {\"requires\": [\"b:0001\"]}}"),
                service("b", "{\"0001_create_a\": {\"requires\": [\"a:0001\"]}}")));
        assertEquals("cycle", cycle.errors().get(0).check());
        DepsResult missing = DependencyGraph.of(List.of(service("a", "{\"0001_create_a\": {\"requires\": [\"b:0009\"]}}"),
                service("b", "{}")));
        assertEquals("missing-target", missing.errors().get(0).check());
        DepsResult outside = DependencyGraph.of(List.of(service("a", "{\"0001_create_a\": {\"requires\": [\"billing:0002\"]}}")));
        assertTrue(outside.ok());
        assertEquals("service-not-in-run", outside.warnings().get(0).check());
    }
}
