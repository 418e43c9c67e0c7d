package dev.dbmigrations.engine.plan;

import dev.dbmigrations.engine.api.Direction;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.api.Strictness;
import dev.dbmigrations.engine.source.Environments;
import dev.dbmigrations.engine.source.Migration;
import dev.dbmigrations.engine.source.MigrationReader;
import dev.dbmigrations.engine.source.Script;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployPolicyTest {

    private static Plan.PlannedStep up(long version, String name, String sql, String... ignores) {
        Script s = new Script(Path.of(name + ".up.sql"), sql, MigrationReader.checksum(sql), false, List.of(ignores));
        return new Plan.PlannedStep("svc", new Migration(version, String.format("%04d", version), name, null, s, null),
                Direction.UP);
    }

    private static Environments.Policy policy(String approval, String backup, List<Environments.Window> windows) {
        return new Environments.Policy("production", Strictness.STRICT,
                approval == null || approval.equals("none") ? null : Risk.valueOf(approval.toUpperCase(java.util.Locale.ROOT)),
                backup == null ? null : Environments.Backup.valueOf(backup.toUpperCase(java.util.Locale.ROOT)), null, null, windows, null, List.of(), null);
    }

    private static final Environments.Window WEEKEND_NIGHTS = new Environments.Window(
            List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(2, 0), LocalTime.of(5, 0), ZoneId.of("UTC"));
    private static final Environments.Window LATE_FRIDAY_BERLIN = new Environments.Window(
            List.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(3, 0), ZoneId.of("Europe/Berlin"));

    @Test
    void windowsContainTheirHoursInTheirZoneAndRunPastMidnight() {
        assertTrue(WEEKEND_NIGHTS.contains(Instant.parse("2026-11-28T02:00:00Z")), "Saturday 02:00");
        assertFalse(WEEKEND_NIGHTS.contains(Instant.parse("2026-11-28T05:00:00Z")), "the end is exclusive");
        assertFalse(WEEKEND_NIGHTS.contains(Instant.parse("2026-11-25T03:00:00Z")), "a Wednesday");
        // Friday 22:00 to Saturday 03:00 in Berlin (UTC+1 in November)
        assertTrue(LATE_FRIDAY_BERLIN.contains(Instant.parse("2026-11-27T21:30:00Z")), "Friday 22:30 in Berlin");
        assertTrue(LATE_FRIDAY_BERLIN.contains(Instant.parse("2026-11-28T01:30:00Z")), "Saturday 02:30 in Berlin");
        assertFalse(LATE_FRIDAY_BERLIN.contains(Instant.parse("2026-11-28T02:30:00Z")), "Saturday 03:30 in Berlin");
        assertFalse(LATE_FRIDAY_BERLIN.contains(Instant.parse("2026-11-27T20:30:00Z")), "Friday 21:30 in Berlin");
        assertEquals("sat, sun 02:00-05:00 UTC", WEEKEND_NIGHTS.toString());
    }

    @Test
    void outsideEveryWindowARunNeedsAReason() {
        List<Plan.PlannedStep> steps = List.of(up(1, "create_t", "create table t (id bigint primary key);"));
        Instant wednesday = Instant.parse("2026-11-25T19:20:00Z");
        List<Problem> refused = DeployPolicy.check(policy(null, null, List.of(WEEKEND_NIGHTS)), steps, wednesday,
                DeployPolicy.Declared.NONE);
        assertEquals("maintenance-window", refused.get(0).check());
        assertEquals("production runs migrations only in its maintenance windows (sat, sun 02:00-05:00 UTC), and it is"
                + " Wed 19:20 UTC", refused.get(0).message());
        assertEquals(List.of(), DeployPolicy.check(policy(null, null, List.of(WEEKEND_NIGHTS)), steps, wednesday,
                new DeployPolicy.Declared(null, Set.of(), "hotfix for incident 4711")));
        assertEquals(List.of(), DeployPolicy.check(policy(null, null, List.of(WEEKEND_NIGHTS)), List.of(), wednesday,
                DeployPolicy.Declared.NONE), "nothing to run needs no window");
    }

    @Test
    void migrationsAtOrAboveTheApprovalRiskNeedTheirVersionsApproved() {
        Plan.PlannedStep add = up(1, "create_t", "create table t (id bigint primary key);");
        Plan.PlannedStep drop = up(2, "drop_name", "alter table t drop column name;");
        Plan.PlannedStep dropTable = up(3, "drop_old", "drop table old_t;");
        List<Plan.PlannedStep> steps = List.of(add, drop, dropTable);
        assertEquals(Risk.LOW, DeployPolicy.risk(add, false));
        assertEquals(Risk.HIGH, DeployPolicy.risk(drop, false));
        assertEquals(Risk.CRITICAL, DeployPolicy.risk(dropTable, false));

        Instant now = Instant.parse("2026-11-25T19:20:00Z");
        List<Problem> refused = DeployPolicy.check(policy("high", null, List.of()), steps, now, DeployPolicy.Declared.NONE);
        assertEquals("approval", refused.get(0).check());
        assertEquals("2 migration(s) need approval in production (approval: high): 0002_drop_name up (high),"
                + " 0003_drop_old up (critical)", refused.get(0).message());
        assertTrue(refused.get(0).fix().endsWith("-Dmigrations.approvedBy=<reviewer> -Dmigrations.approve=2,3"));

        List<Problem> partly = DeployPolicy.check(policy("high", null, List.of()), steps, now,
                new DeployPolicy.Declared("alice", Set.of(2L), null));
        assertTrue(partly.get(0).message().startsWith("1 migration(s) need approval"), partly.toString());
        assertEquals(List.of(), DeployPolicy.check(policy("high", null, List.of()), steps, now,
                new DeployPolicy.Declared("alice", Set.of(2L, 3L), null)));
        assertEquals(1, DeployPolicy.check(policy("high", null, List.of()), steps, now,
                new DeployPolicy.Declared(null, Set.of(2L, 3L), null)).size(), "an approval names its reviewer");
        assertEquals(List.of(), DeployPolicy.check(policy("critical", null, List.of()), List.of(add, drop), now,
                DeployPolicy.Declared.NONE));
        assertEquals(List.of(), DeployPolicy.check(policy("none", null, List.of()), steps, now, DeployPolicy.Declared.NONE));
    }

    @Test
    void theEnvironmentsLockTimeoutCountsForTheFilesItsRunsSetUp() {
        Plan.PlannedStep alter = up(4, "add_email", "alter table t add column email text;");
        assertEquals(Risk.MEDIUM, DeployPolicy.risk(alter, false), "require-lock-timeout");
        assertEquals(Risk.LOW, DeployPolicy.risk(alter, true));
        Instant now = Instant.parse("2026-11-25T19:20:00Z");
        assertEquals("approval", DeployPolicy.check(policy("medium", null, List.of()), List.of(alter), now,
                DeployPolicy.Declared.NONE).get(0).check());
        Environments.Policy withTimeout = new Environments.Policy("production", Strictness.STRICT, Risk.MEDIUM, null,
                java.time.Duration.ofSeconds(5), null, List.of(), null, List.of(), null);
        assertEquals(List.of(), DeployPolicy.check(withTimeout, List.of(alter), now, DeployPolicy.Declared.NONE));
    }

    @Test
    void thePreviewSaysWhatAnUpWouldMeetNow() {
        List<Plan.PlannedStep> steps = List.of(up(2, "drop_name", "alter table t drop column name;"));
        Instant saturdayNight = Instant.parse("2026-11-28T03:00:00Z");
        assertEquals(List.of("maintenance windows sat, sun 02:00-05:00 UTC: now inside one",
                        "approval (high) needed for 0002_drop_name (high): -Dmigrations.approvedBy=<reviewer> -Dmigrations.approve=2",
                        "an up backs the schema up first (backup: destructive)"),
                DeployPolicy.preview(policy("high", "destructive", List.of(WEEKEND_NIGHTS)), steps, saturdayNight));
        assertEquals(List.of(), DeployPolicy.preview(policy(null, null, List.of()), steps, saturdayNight));
    }

    @Test
    void anIgnoredFindingIsAReviewedRiskButStillDestructive() {
        Plan.PlannedStep ignored = up(2, "drop_name", "-- migrations:ignore ban-drop-column nothing reads it since 0009\n"
                + "set lock_timeout = '5s';\nalter table t drop column name;", "ban-drop-column nothing reads it since 0009");
        assertEquals(Risk.LOW, DeployPolicy.risk(ignored, false));
        assertTrue(DeployPolicy.wantsBackup(policy(null, "destructive", List.of()), List.of(ignored)));
        Plan.PlannedStep add = up(1, "create_t", "create table t (id bigint primary key);");
        assertFalse(DeployPolicy.wantsBackup(policy(null, "destructive", List.of()), List.of(add)));
        assertTrue(DeployPolicy.wantsBackup(policy(null, "always", List.of()), List.of(add)));
        assertFalse(DeployPolicy.wantsBackup(policy(null, "always", List.of()), List.of()));
    }

    @Test
    void theApprovalGateReadsEachStepKnowingWhatTheFolderBuiltBeforeIt() {
        Plan.PlannedStep create = up(1, "create_users", "create table users (id bigint primary key, name varchar(50));");
        Plan.PlannedStep widen = up(2, "widen_name", "set lock_timeout = '5s';\nalter table users alter column name type varchar(100);");
        Plan.PlannedStep retype = up(3, "name_to_int", "set lock_timeout = '5s';\nalter table users alter column name type integer using 0;");
        List<Migration> folder = List.of(create.migration(), widen.migration(), retype.migration());
        Environments.Policy high = policy("high", null, List.of());
        // read alone, a type change is a rewrite (high); knowing 0001, widening a varchar is free
        assertEquals(List.of(2L, 3L), DeployPolicy.needingApproval(high, List.of(widen, retype)).keySet().stream()
                .map(s -> s.migration().version()).toList());
        assertEquals(List.of(3L), DeployPolicy.needingApproval(high, List.of(widen, retype), folder, "public").keySet().stream()
                .map(s -> s.migration().version()).toList());
        // the folder's earlier migrations count even when they are not steps of this run
        assertEquals(List.of(), DeployPolicy.needingApproval(high, List.of(widen), folder, "public").keySet().stream()
                .map(s -> s.migration().version()).toList());
    }
}
