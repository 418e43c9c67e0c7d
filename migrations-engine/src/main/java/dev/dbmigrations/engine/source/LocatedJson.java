package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dbmigrations.engine.api.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into a small tree that remembers where every value and key is, so that errors in
 * dependencies.json and environments.json name the file, line and column. Duplicate keys are errors.
 */
public final class LocatedJson {

    /** A JSON value with its place; exactly one of the value fields is set, by {@link #kind()}. */
    public record Node(Kind kind, int line, int column, String text, Map<String, Entry> object, List<Node> array) {

        public boolean isObject() {
            return kind == Kind.OBJECT;
        }

        public boolean isString() {
            return kind == Kind.STRING;
        }
    }

    /** An object member: its key's place and its value. */
    public record Entry(String key, int line, int column, Node value) {
    }

    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    private static final JsonFactory FACTORY = new JsonFactory();

    private LocatedJson() {
    }

    /** Parses {@code text}; on a syntax error adds a problem and returns null. */
    public static Node parse(Path file, String text, List<Problem> problems) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(Check.JSON.at(file, 1, 1, "the file is empty", "write {} for an empty file"));
                return null;
            }
            Node root = value(p, file, problems);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                problems.add(Check.JSON.at(file, l.getLineNr(), l.getColumnNr(), "unexpected content after the end",
                        "keep one JSON object in the file"));
            }
            return root;
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            problems.add(Check.JSON.at(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "invalid JSON: " + msg, trailingComma(text, l) ? "remove the comma before it: JSON allows no comma"
                            + " after the last member of an object or list" : "check quotes, commas and braces near that place"));
            return null;
        } catch (IOException e) {
            problems.add(Check.JSON.at(file, 0, 0, "cannot read: " + e.getMessage(), "check the file"));
            return null;
        }
    }

    /** Whether the error is at a closing brace or bracket that follows a comma, the commonest slip in hand-written JSON. */
    private static boolean trailingComma(String text, JsonLocation l) {
        if (l == null || l.getCharOffset() < 0 || l.getCharOffset() >= text.length()) {
            return false;
        }
        int i = (int) l.getCharOffset();
        char at = text.charAt(i);
        if (at != '}' && at != ']') {
            return false;
        }
        int j = i - 1;
        while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
            j--;
        }
        return j >= 0 && text.charAt(j) == ',';
    }

    private static Node value(JsonParser p, Path file, List<Problem> problems) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Entry> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    p.nextToken();
                    Node v = value(p, file, problems);
                    if (members.containsKey(key)) {
                        problems.add(Check.JSON.at(file, kl.getLineNr(), kl.getColumnNr(), "duplicate key \"" + key + "\"", "keep one entry per key"));
                    }
                    members.put(key, new Entry(key, kl.getLineNr(), kl.getColumnNr(), v));
                }
                return new Node(Kind.OBJECT, line, col, null, members, null);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, file, problems));
                }
                return new Node(Kind.ARRAY, line, col, null, null, items);
            }
            case VALUE_STRING:
                return new Node(Kind.STRING, line, col, p.getText(), null, null);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node(Kind.NUMBER, line, col, p.getText(), null, null);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node(Kind.BOOLEAN, line, col, p.getText(), null, null);
            default:
                return new Node(Kind.NULL, line, col, null, null, null);
        }
    }

    /** A problem at a node. */
    public static Problem at(Path file, Node n, Check check, String message, String fix) {
        return check.at(file, n.line(), n.column(), message, fix);
    }

    /** A problem at an entry's key. */
    public static Problem at(Path file, Entry e, Check check, String message, String fix) {
        return check.at(file, e.line(), e.column(), message, fix);
    }
}
