package dev.dbmigrations.maven;

import dev.dbmigrations.engine.DocsSection;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api-reference.md's parameter tables are made from the plugin descriptor that Maven's plugin
 * tooling builds from the Mojos (names, user properties, defaults, javadoc): the parameters every goal
 * has in one table, each goal's own in its section. The tables and the Mojos cannot drift: this test
 * fails when they differ, and rewrites the tables with {@code -Ddocs.update=true}. The same
 * descriptor makes the goal pages of {@code mvn site}.
 */
class ParameterDocsTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path PAGE = Path.of("../docs/api-reference.md");

    /** One parameter as the descriptor has it. */
    record Parameter(String name, String property, String defaultValue, String description) {
    }

    @Test
    void everyGoalsParametersAreInTheReferenceAsTheMojosDeclareThem() throws Exception {
        Map<String, Map<String, Parameter>> goals = goals();
        Map<String, Parameter> shared = shared(goals);
        keep("shared", table(shared.values()));
        for (Map.Entry<String, Map<String, Parameter>> goal : goals.entrySet()) {
            if (goal.getKey().equals("help")) {
                continue;  // Maven's generated help goal: described in its own section
            }
            List<Parameter> own = goal.getValue().values().stream().filter(p -> !p.equals(shared.get(p.name()))).toList();
            keep(goal.getKey(), own.isEmpty() ? "The shared parameters only.\n" : table(own));
        }
    }

    private static void keep(String goal, String table) throws Exception {
        String begin = "<!-- parameters of " + goal + ": generated from the Mojos by ParameterDocsTest -->";
        String end = "<!-- end of parameters of " + goal + " -->";
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        assertTrue(page.contains(begin), "docs/api-reference.md has no parameter table for " + goal + ": add\n" + begin
                + "\n" + end + "\nto its section and run mvn test -Dtest=ParameterDocsTest -Ddocs.update=true");
        DocsSection.keepInStep(PAGE, begin, end, begin + "\n\n" + table + "\n" + end, "ParameterDocsTest");
    }

    private static String table(Iterable<Parameter> parameters) {
        StringBuilder sb = new StringBuilder("| parameter | user property | default | meaning |\n|---|---|---|---|\n");
        for (Parameter p : parameters) {
            sb.append("| ").append(p.name()).append(" | ").append(p.property() == null ? "—" : "`" + p.property() + "`")
                    .append(" | ").append(p.defaultValue() == null ? "—" : "`" + p.defaultValue() + "`")
                    .append(" | ").append(p.description()).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * The parameters every goal but help has, in name order, each as most goals have it: a goal that
     * declares its own parameter of the same name (generate's template variable {@code table}) lists
     * that one in its own table.
     */
    private static Map<String, Parameter> shared(Map<String, Map<String, Parameter>> goals) {
        List<Map<String, Parameter>> all = goals.entrySet().stream().filter(g -> !g.getKey().equals("help"))
                .map(Map.Entry::getValue).toList();
        Map<String, Parameter> shared = new TreeMap<>();
        for (String name : all.get(0).keySet()) {
            if (all.stream().allMatch(g -> g.containsKey(name))) {
                Map<Parameter, Long> variants = all.stream().map(g -> g.get(name))
                        .collect(java.util.stream.Collectors.groupingBy(p -> p, java.util.stream.Collectors.counting()));
                variants.entrySet().stream().max(Map.Entry.comparingByValue())
                        .filter(v -> v.getValue() * 2 > all.size()).ifPresent(v -> shared.put(name, v.getKey()));
            }
        }
        return shared;
    }

    /** Goal → its editable parameters in name order, from the descriptor. */
    static Map<String, Map<String, Parameter>> goals() throws Exception {
        assertTrue(Files.isRegularFile(DESCRIPTOR), "run the test through Maven: it reads " + DESCRIPTOR);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        Map<String, Map<String, Parameter>> goals = new TreeMap<>();
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            Map<String, String[]> config = new LinkedHashMap<>();
            Element configuration = child(mojo, "configuration");
            if (configuration != null) {
                for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        String expression = e.getTextContent().trim();
                        String property = expression.startsWith("${") ? expression.substring(2, expression.length() - 1) : null;
                        String def = e.hasAttribute("default-value") ? e.getAttribute("default-value") : null;
                        config.put(e.getTagName(), new String[] {property, def});
                    }
                }
            }
            Map<String, Parameter> parameters = new TreeMap<>();
            Element list = child(mojo, "parameters");
            List<Element> all = new ArrayList<>();
            for (Node n = list == null ? null : list.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    all.add(e);
                }
            }
            for (Element p : all) {
                if (!"true".equals(text(p, "editable"))) {
                    continue;
                }
                String name = text(p, "name");
                String[] c = config.getOrDefault(name, new String[] {null, null});
                parameters.put(name, new Parameter(name, c[0], c[1], markdown(text(p, "description"))));
            }
            goals.put(goal, parameters);
        }
        return goals;
    }

    /** The descriptor's description (plain text: the plugin tooling turns the javadoc into text) as a table cell. */
    private static String markdown(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("<", "\\<").replaceAll("\\s+", " ").trim();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }
}
