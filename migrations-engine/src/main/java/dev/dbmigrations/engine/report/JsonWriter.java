package dev.dbmigrations.engine.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON writer for the run report that every deploy writes: the deploy path stays free of
 * Jackson, whose few hundred classes cost a no-op {@code up} more than its own work (issue "deploys
 * at the floor"). Values are nested {@link Obj}, {@link List}, strings, numbers, booleans and null;
 * the text is indented by two spaces.
 */
final class JsonWriter {

    /** An object whose keys keep their order. */
    static final class Obj {
        private final List<String> keys = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        Obj put(String key, Object value) {
            keys.add(key);
            values.add(value);
            return this;
        }
    }

    private JsonWriter() {
    }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder(512);
        write(sb, value, "");
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, String indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Obj o) {
            if (o.keys.isEmpty()) {
                sb.append("{}");
                return;
            }
            String inner = indent + "  ";
            sb.append("{\n");
            for (int i = 0; i < o.keys.size(); i++) {
                sb.append(inner);
                string(sb, o.keys.get(i));
                sb.append(": ");
                write(sb, o.values.get(i), inner);
                sb.append(i + 1 < o.keys.size() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            String inner = indent + "  ";
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append(inner);
                write(sb, list.get(i), inner);
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
