package dev.dbmigrations.engine.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Variables told from a migration's name: {@code add_user_profiles} gives table
 * {@code user_profiles}; {@code add_nickname_to_users} gives column {@code nickname} and table
 * {@code users}; {@code add_account_id_fk_to_invoices} also gives references {@code accounts}.
 */
public final class Naming {

    static final Pattern SNAKE = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    static final List<String> VERBS = List.of("create", "add", "alter", "update", "backfill", "populate", "seed",
            "index", "drop", "remove", "change", "set", "require", "insert", "migrate", "make", "introduce");
    static final List<String> SUFFIXES = List.of("_not_null", "_index", "_idx", "_check", "_fkey", "_fk",
            "_foreign_key", "_constraint", "_column", "_trigger", "_value");

    private Naming() {
    }

    public static boolean isSnakeCase(String name) {
        return SNAKE.matcher(name).matches();
    }

    /** A lower snake case suggestion for a name that is not. */
    public static String suggest(String name) {
        String s = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "m_" + s;
        }
        return s;
    }

    /** object, table, column, references and value, where the name tells them. */
    public static Map<String, String> derive(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String object = stripVerb(name);
        out.put("object", object);
        int split = Math.max(name.lastIndexOf("_to_"), name.lastIndexOf("_on_"));
        if (split > 0) {
            String before = stripSuffix(stripVerb(name.substring(0, split)));
            String after = name.substring(split + 4);
            if (!after.isEmpty()) {
                out.put("table", after);
                out.put("object", after);
            }
            if (!before.isEmpty()) {
                out.put("column", before);
                out.put("value", before);
            }
        } else {
            out.put("table", object);
        }
        String column = out.get("column");
        if (column != null && column.endsWith("_id") && column.length() > 3) {
            String base = column.substring(0, column.length() - 3);
            out.put("references", base.endsWith("s") ? base : base + "s");
        }
        return out;
    }

    static String stripVerb(String name) {
        for (String verb : VERBS) {
            if (name.startsWith(verb + "_") && name.length() > verb.length() + 1) {
                return name.substring(verb.length() + 1);
            }
        }
        return name;
    }

    static String stripSuffix(String s) {
        for (String suffix : SUFFIXES) {
            if (s.endsWith(suffix) && s.length() > suffix.length()) {
                return s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }
}
