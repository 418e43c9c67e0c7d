package dev.dbmigrations.engine.report;

import dev.dbmigrations.engine.Folder;
import dev.dbmigrations.engine.Reactor;
import dev.dbmigrations.engine.api.MigrationsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pictures are well-formed SVG with what they should show; a report without a database says so. */
class SiteReportTest {

    @TempDir
    Path tmp;

    private static org.w3c.dom.Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theGraphHasABoxPerMigrationAndAnArrowPerRequirement() throws Exception {
        Map<String, String> label = new LinkedHashMap<>();
        label.put("orders:1", "orders:0001_create_orders");
        label.put("orders:2", "orders:0002_add <fk> & \"more\"");
        label.put("customers:1", "customers:0001_create_customers");
        Map<String, List<String>> edges = new LinkedHashMap<>();
        edges.put("orders:1", List.of());
        edges.put("orders:2", List.of("orders:1", "customers:1"));
        edges.put("customers:1", List.of());
        var doc = parse(Svg.graph(label, edges));
        assertEquals(3, doc.getElementsByTagName("rect").getLength());
        assertEquals(2, doc.getElementsByTagName("path").getLength() - 1, "two arrows besides the marker's shape");
        assertTrue(doc.getDocumentElement().getTextContent().contains("0002_add <fk> & \"more\""), "text escaped, kept");
    }

    @Test
    void barsAreScaledToTheLongest() throws Exception {
        var doc = parse(Svg.bars(List.of("a", "b"), List.of(100.0, 50.0), "ms", "Slowest"));
        var rects = doc.getElementsByTagName("rect");
        assertEquals("360", rects.item(0).getAttributes().getNamedItem("width").getNodeValue());
        assertEquals("180", rects.item(1).getAttributes().getNamedItem("width").getNodeValue());
    }

    @Test
    void withoutADatabaseTheReportShowsTheFilesAndSaysWhy() {
        Path dir = tmp.resolve("migrations");
        new Folder(dir).migration("0001_create_users", "-- Purpose: the users table.\ncreate table users (id bigint);",
                "drop table users;");
        String html = new Reactor(List.of(MigrationsConfig.builder().service("user-service").dir(dir).build()))
                .siteReport(false);
        assertTrue(html.contains("Database: not read (no database asked for)"), html);
        assertTrue(html.contains("<a href=\"#user-service-0001_create_users\">0001_create_users</a>"), html);
        assertTrue(html.contains("class=\"dbmigrations-graph\""), html);
        assertFalse(html.contains("<script"), html);
    }
}
