package dev.dbmigrations.engine.db;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.LogListener;
import dev.dbmigrations.engine.Migrations;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(FreshDatabase.class)
class DeployPolicyDatabaseTest {

    @TempDir
    Path tmp;

    private final List<String> log = LogListener.newLog();

    private MigrationsConfig.Builder production(FreshDatabase.TestDb db) {
        return MigrationsConfig.builder().url(db.url()).service("user-service").dir(tmp).environment("production")
                .backupDir(tmp.resolve("backups")).lockTimeout(Duration.ofSeconds(30)).listener(new LogListener(log));
    }

    private void folder(String policy) {
        new Folder(tmp).file("environments.json", "{\"production\": " + policy + "}")
                .migration("0001_create_users", "create table users (id bigint primary key, email text, nickname text);",
                        "drop table users;")
                .migration("0002_drop_nickname", "alter table users drop column nickname;",
                        "alter table users add column nickname text;");
    }

    @Test
    void aRiskyMigrationWaitsForItsApprovalWhichTheHistoryKeeps(FreshDatabase.TestDb db) throws Exception {
        folder("{\"approval\": \"high\"}");
        RunResult refused = new Migrations(production(db).build()).up(null, null);
        assertEquals("approval", refused.problems().get(0).check());
        assertTrue(refused.problems().get(0).message().endsWith("0002_drop_nickname up (high)"), refused.problems().toString());
        assertFalse(db.tableExists("user_service.users"), "nothing ran, not even the harmless 0001");

        List<String> status = dev.dbmigrations.engine.report.StatusFormatter.text(new Migrations(production(db).build()).status());
        assertTrue(status.contains("Deploy policy of production: approval (high) needed for 0002_drop_nickname (high):"
                + " -Dmigrations.approvedBy=<reviewer> -Dmigrations.approve=2"), status.toString());

        RunResult wrongVersion = new Migrations(production(db).approvedBy("alice").approved(Set.of(1L)).build()).up(null, null);
        assertEquals("approval", wrongVersion.problems().get(0).check());

        RunResult approved = new Migrations(production(db).approvedBy("alice").approved(Set.of(2L)).build()).up(null, null);
        assertTrue(approved.ok(), approved.problems().toString());
        assertEquals("2", db.value("select count(*) from user_service.migrations_applied"));
        assertEquals("0002_drop_nickname|alice (high risk)", db.value("select name || '|' || detail"
                + " from user_service.migrations_history where action = 'approve'"));
    }

    @Test
    void outsideTheWindowsARunNeedsAReasonWhichTheHistoryKeeps(FreshDatabase.TestDb db) throws Exception {
        // a window on the day after tomorrow only: never now
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(2).getDayOfWeek().name().substring(0, 3).toLowerCase(Locale.ROOT);
        folder("{\"maintenanceWindows\": [{\"days\": [\"" + day + "\"], \"from\": \"00:00\", \"to\": \"23:59\", \"zone\": \"UTC\"}]}");
        RunResult refused = new Migrations(production(db).build()).up(null, null);
        assertEquals("maintenance-window", refused.problems().get(0).check());
        assertTrue(refused.problems().get(0).message().contains("(" + day + " 00:00-23:59 UTC)"), refused.problems().toString());
        assertFalse(db.tableExists("user_service.users"));

        assertTrue(new Migrations(production(db).build()).status().deploy().get(0).endsWith(
                "now outside them; an up with steps needs -Dmigrations.outsideWindow=\"<why>\""));

        RunResult urgent = new Migrations(production(db).outsideWindow("incident 4711: hotfix").build()).up(null, null);
        assertTrue(urgent.ok(), urgent.problems().toString());
        assertEquals("incident 4711: hotfix", db.value("select detail from user_service.migrations_history"
                + " where action = 'outside-window'"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN Running outside the production maintenance windows")), log.toString());
        RunResult nothing = new Migrations(production(db).build()).up(null, null);
        assertTrue(nothing.ok(), "a run with nothing to do needs no window: " + nothing.problems());
        assertTrue(dev.dbmigrations.engine.report.StatusFormatter.json(new Migrations(production(db).build()).status())
                .contains("\"deploy\" : [ \"maintenance windows"), "status JSON carries the preview");
    }
}
