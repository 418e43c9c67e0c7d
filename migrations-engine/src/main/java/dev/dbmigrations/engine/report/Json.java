package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.Problem;

/** The one JSON writer of the reports, and how a {@link Problem} looks in JSON. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts a problem's place and text into {@code o}: file, line, column, message, fix (the id is the caller's). */
    static void problem(ObjectNode o, Problem p) {
        o.put("file", p.file() == null ? null : p.file().toString());
        o.put("line", p.line());
        o.put("column", p.column());
        o.put("message", p.message());
        o.put("fix", p.fix());
        if (p.service() != null) {
            o.put("service", p.service());
        }
    }

    /** {@code root.<name>}: the problems, each with its check id and place. */
    static void problems(ObjectNode root, String name, java.util.List<Problem> problems) {
        com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray(name);
        for (Problem p : problems) {
            ObjectNode o = list.addObject();
            o.put("check", p.check());
            problem(o, p);
        }
    }

    static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
