package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.MigrationSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planner with dependencies: chains, diamonds, services, cycles, out of order, environments. */
class ReactorPlannerTest {

    @TempDir
    Path tmp;

    private ServicePlan service(String name, String deps, long... applied) throws IOException {
        Path dir = Files.createTempDirectory(tmp, name);
        Folder f = new Folder(dir);
        for (int v = 1; v <= 4; v++) {
            f.migration(String.format("%04d_m%d", v, v), "select " + v + ";", "select -" + v + ";");
        }
        if (deps != null) {
            f.file("dependencies.json", deps);
        }
        MigrationSet set = MigrationReader.read(dir);
        Map<Long, Applied> map = new HashMap<>();
        for (long v : applied) {
            String id = String.format("%04d_m%d", v, v);
            map.put(v, new Applied(v, id, set.byVersion(v).orElseThrow().up().checksum(), "applied", null, Instant.EPOCH, 1L));
        }
        long max = java.util.Arrays.stream(applied).max().orElse(-1);
        Dependencies d = Dependencies.read(dir, set.migrations());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        return new ServicePlan(name, set.migrations(), new DatabaseState(true, max, false, map), d);
    }

    private static List<String> steps(Plan p) {
        return p.steps().stream().map(s -> s.service().charAt(0) + "" + s.migration().version()).toList();
    }

    @Test
    void versionOrderUnlessADependencyDemandsOtherwise() throws IOException {
        ServicePlan a = service("a", "{\"0002_m2\": {\"requires\": [\"0004_m4\"]}}");
        assertEquals(List.of("a1", "a3", "a4", "a2"), steps(ReactorPlanner.up(List.of(a), Graph.NONE, false, null, null)));
    }

    @Test
    void chainsAndDiamondsKeepEveryRequirementBeforeItsDependant() throws IOException {
        ServicePlan a = service("a", "{\"0004_m4\": {\"requires\": [\"0002_m2\", \"0003_m3\"]},"
                + " \"0003_m3\": {\"requires\": [\"0001_m1\"]}, \"0002_m2\": {\"requires\": [\"0001_m1\"]}}");
        assertEquals(List.of("a1", "a2", "a3", "a4"), steps(ReactorPlanner.up(List.of(a), Graph.NONE, false, null, null)));
    }

    @Test
    void servicesInterleaveWhereACrossServiceDependencyNeedsIt() throws IOException {
        ServicePlan a = service("a", "{\"0002_m2\": {\"requires\": [\"b:0003_m3\"]}}");
        ServicePlan b = service("b", null);
        Plan p = ReactorPlanner.up(List.of(a, b), Graph.NONE, false, null, null);
        assertEquals(List.of("a1", "b1", "b2", "b3", "a2", "a3", "a4", "b4"), steps(p));
        assertNull(p.stop());
    }

    @Test
    void aRequirementNeitherAppliedNorPendingStopsItsService() throws IOException {
        ServicePlan a = service("a", "{\"0003_m3\": {\"requires\": [\"billing:0002\"]}}");
        Plan p = ReactorPlanner.up(List.of(a), Graph.NONE, false, null, null);
        assertEquals(List.of("a1", "a2"), steps(p));
        assertEquals("unmet-dependency", p.stop().check());
        assertTrue(p.stop().message().contains("a:0003_m3 requires billing:2"), p.stop().message());
        Graph billingApplied = new Graph() {
            @Override
            public boolean applied(String service, long version) {
                return service.equals("billing") && version == 2;
            }

            @Override
            public List<String> dependants(String service, long version) {
                return List.of();
            }
        };
        assertEquals(List.of("a1", "a2", "a3", "a4"), steps(ReactorPlanner.up(List.of(a), billingApplied, false, null, null)));
    }

    @Test
    void aCycleAcrossServicesStopsWithAClearProblem() throws IOException {
        ServicePlan a = service("a", "{\"0001_m1\": {\"requires\": [\"b:0001_m1\"]}}");
        ServicePlan b = service("b", "{\"0001_m1\": {\"requires\": [\"a:0001_m1\"]}}");
        Plan p = ReactorPlanner.up(List.of(a, b), Graph.NONE, false, null, null);
        assertEquals(List.of(), steps(p));
        assertTrue(p.stop().message().contains("cycle"), p.stop().message());
    }

    @Test
    void outOfOrderNeedsTheFlagAndItsDependencies() throws IOException {
        ServicePlan a = service("a", null, 1, 3);
        assertEquals("out-of-order", ReactorPlanner.up(List.of(a), Graph.NONE, false, null, null).problems().get(0).check());
        assertEquals(List.of("a2", "a4"), steps(ReactorPlanner.up(List.of(a), Graph.NONE, true, null, null)));
    }

    @Test
    void downRefusesWhatAnAppliedMigrationRequiresAndCascades() throws IOException {
        ServicePlan a = service("a", "{\"0002_m2\": {\"requires\": [\"b:0004_m4\"]}}", 1, 2);
        ServicePlan b = service("b", null, 1, 2, 3, 4);
        Graph database = new Graph() {
            @Override
            public boolean applied(String service, long version) {
                return true;
            }

            @Override
            public List<String> dependants(String service, long version) {
                return service.equals("b") && version == 4 ? List.of("a:2") : List.of();
            }
        };
        Plan refused = ReactorPlanner.down(List.of(b), database, 1, null, false);
        assertEquals("has-dependants", refused.problems().get(0).check());
        assertTrue(refused.problems().get(0).message().contains("b:0004_m4: applied migrations require it: a:2"),
                refused.problems().get(0).message());
        Plan outside = ReactorPlanner.down(List.of(b), database, 1, null, true);
        assertTrue(outside.problems().get(0).fix().startsWith("a is not part of this run"), outside.problems().toString());
        Plan cascade = ReactorPlanner.down(List.of(b, a), Graph.NONE, null, 2L, true);
        List<String> order = steps(cascade);
        assertEquals(List.of("a2", "b4", "b3"), order, "a2 requires b4: cascade rolls it back first");
        Plan deep = ReactorPlanner.down(List.of(b, a), database, 1, null, true);
        List<String> deepOrder = steps(deep);
        assertTrue(deepOrder.indexOf("a2") < deepOrder.indexOf("b4"), deepOrder.toString());
    }

    @Test
    void anEnvironmentOnlyMigrationMayNotBeRequiredByACommonOne() throws IOException {
        Path dir = Files.createTempDirectory(tmp, "env");
        new Folder(dir).migration("0001_a", "select 1;", null).migration("development/0002_b", "select 2;", null)
                .file("dependencies.json", "{\"0001_a\": {\"requires\": [\"0002_b\"]}}");
        MigrationSet set = MigrationReader.read(dir);
        Dependencies d = Dependencies.read(dir, set.migrations());
        assertTrue(d.problems().get(0).message().contains("runs only in development"), d.problems().toString());
    }
}
