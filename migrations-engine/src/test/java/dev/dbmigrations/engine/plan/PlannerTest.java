package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.Script;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PlannerTest {

    private static Script script(String name) {
        return new Script(Path.of(name), "select 1", "sum-" + name, false, List.of());
    }

    private static Migration m(long v, boolean reversible) {
        String id = String.format("%04d_m%d", v, v);
        return new Migration(v, String.format("%04d", v), "m" + v, null, script(id + ".up.sql"),
                reversible ? script(id + ".down.sql") : null);
    }

    private static DatabaseState applied(long... versions) {
        Map<Long, Applied> map = new HashMap<>();
        long max = -1;
        for (long v : versions) {
            String id = String.format("%04d_m%d", v, v);
            map.put(v, new Applied(v, id, "sum-" + id + ".up.sql", "applied", null, Instant.EPOCH, 1L));
            max = Math.max(max, v);
        }
        return new DatabaseState(true, max, false, map);
    }

    private static List<String> steps(Plan p) {
        return p.steps().stream().map(s -> s.direction().label() + s.migration().version()).toList();
    }

    private final List<Migration> five = List.of(m(1, true), m(2, true), m(3, false), m(4, true), m(5, true));

    @Test
    void upAllCountAndTarget() {
        assertEquals(List.of("up3", "up4", "up5"), steps(new Planner(five, applied(1, 2), false).up(null, null)));
        assertEquals(List.of("up3"), steps(new Planner(five, applied(1, 2), false).up(1, null)));
        assertEquals(List.of("up1", "up2", "up3", "up4"), steps(new Planner(five, applied(), false).up(null, 4L)));
        assertEquals("unknown-version", new Planner(five, applied(), false).up(null, 9L).problems().get(0).check());
        assertEquals("count", new Planner(five, applied(), false).up(0, null).problems().get(0).check());
    }

    @Test
    void downCountTargetAndIrreversibleStop() {
        assertEquals(List.of("down5"), steps(new Planner(five, applied(1, 2, 3, 4, 5), false).down(null, null)));
        Plan p = new Planner(five, applied(1, 2, 3, 4, 5), false).down(null, 1L);
        assertEquals(List.of("down5", "down4"), steps(p));
        assertEquals("irreversible", p.stop().check());
        assertEquals(List.of(), steps(new Planner(five, applied(), false).down(null, null)));
    }

    @Test
    void gotoGoesDownThenUp() {
        assertEquals(List.of("down5"), steps(new Planner(five, applied(1, 2, 3, 4, 5), false).goTo(4)));
        assertEquals(List.of("up2", "up3"), steps(new Planner(five, applied(1), false).goTo(3)));
    }

    @Test
    void outOfOrderNeedsTheFlag() {
        Plan refused = new Planner(five, applied(1, 3), false).up(null, null);
        assertEquals("out-of-order", refused.problems().get(0).check());
        assertEquals(List.of("up2", "up4", "up5"), steps(new Planner(five, applied(1, 3), true).up(null, null)));
    }

    @Test
    void dirtyAndEditedFilesRefuseEverything() {
        DatabaseState dirty = new DatabaseState(true, 2, true, applied(1).applied());
        assertEquals("dirty", new Planner(five, dirty, false).up(null, null).problems().get(0).check());
        Map<Long, Applied> edited = new HashMap<>(applied(1).applied());
        edited.put(1L, new Applied(1, "0001_m1", "other", "applied", null, Instant.EPOCH, 1L));
        Plan p = new Planner(five, new DatabaseState(true, 1, false, edited), false).up(null, null);
        assertEquals("checksum-mismatch", p.problems().get(0).check());
        assertNull(p.stop());
        assertEquals(Direction.UP, new Planner(five, applied(), false).up(1, null).steps().get(0).direction());
    }
}
