package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A column's type as a migration writes it, in PostgreSQL's canonical name ({@code int} and
 * {@code int4} are {@code integer}, {@code character varying} is {@code varchar}) with its modifiers
 * ({@code varchar(20)}: [20]; {@code numeric(10,2)}: [10, 2]), and what changing one type into another
 * costs, as the documentation of ALTER TABLE ... SET DATA TYPE states it for PostgreSQL 12 to 17.
 */
public record ColumnType(String base, List<Integer> mods, boolean array) {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"), Map.entry("int8", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"), Map.entry("int2", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"), Map.entry("character varying", "varchar"), Map.entry("character", "char"),
            Map.entry("bpchar", "char"), Map.entry("decimal", "numeric"), Map.entry("float4", "real"),
            Map.entry("float8", "double precision"), Map.entry("float", "double precision"),
            Map.entry("bool", "boolean"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"), Map.entry("bit varying", "varbit"));

    /** Words that end a type: what a column definition or ALTER ... TYPE may say after it. */
    private static final Set<String> AFTER_TYPE = Set.of("using", "collate", "not", "null", "default", "primary",
            "references", "check", "constraint", "unique", "generated");

    /** Integer types from the narrowest. */
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    /** What a change of type costs and risks. */
    public enum Change {
        /** The same type: nothing happens to the rows. */
        SAME,
        /** Binary coercible and never shorter: PostgreSQL changes the catalog only, no rewrite. */
        NO_REWRITE,
        /** Every value fits the new type, but the table is rewritten. */
        WIDENS,
        /** Some values may not fit: the statement can fail, or numerics are rounded. */
        NARROWS,
        /** Another type: rewritten, and the cast may fail. */
        OTHER
    }

    /** The type written by {@code tokens} (up to USING, COLLATE or the end), or null when it is not one. */
    public static ColumnType parse(Tokens tokens) {
        StringBuilder name = new StringBuilder();
        List<Integer> mods = new ArrayList<>();
        boolean array = false;
        List<Token> list = tokens.list();
        for (int i = 0; i < list.size(); i++) {
            Token t = list.get(i);
            String w = t.word();
            if (w != null && AFTER_TYPE.contains(w)) {
                break;
            }
            if (t.isPunct('(')) {
                int close = tokens.closing(i);
                for (int j = i + 1; j < close; j++) {
                    String text = list.get(j).text();
                    if (text.matches("-?\\d+")) {
                        mods.add(Integer.parseInt(text));
                    }
                }
                i = close;
                continue;
            }
            if (t.isPunct('[')) {
                array = true;
                break;
            }
            if (t.isPunct('.')) {
                name.setLength(0); // pg_catalog.int4: the type's own name
                continue;
            }
            if (w != null) {
                if (w.equals("array")) {
                    array = true;
                    break;
                }
                name.append(name.length() > 0 ? " " : "").append(w);
            } else if (Tokens.isIdentifier(t)) {
                name.append(name.length() > 0 ? " " : "").append(Tokens.normalise(t));
            } else {
                break;
            }
        }
        if (name.length() == 0) {
            return null;
        }
        String base = ALIASES.getOrDefault(name.toString(), name.toString());
        return new ColumnType(base, List.copyOf(mods), array);
    }

    /** What changing a column of type {@code from} into {@code to} does. */
    public static Change change(ColumnType from, ColumnType to) {
        if (from.equals(to)) {
            return Change.SAME;
        }
        if (from.array() != to.array()) {
            return Change.OTHER;
        }
        String f = from.base();
        String t = to.base();
        // character types: varchar <-> text are binary coercible; a longer or no limit needs no rewrite
        if (Set.of("varchar", "text").contains(f) && Set.of("varchar", "text").contains(t)) {
            Integer fl = f.equals("varchar") ? limit(from) : null;
            Integer tl = t.equals("varchar") ? limit(to) : null;
            if (tl == null || (fl != null && tl >= fl)) {
                return Change.NO_REWRITE;
            }
            return Change.NARROWS;
        }
        if (f.equals("char") && Set.of("char", "varchar", "text").contains(t)) {
            Integer tl = t.equals("text") ? null : limit(to);
            return tl == null || tl >= (limit(from) == null ? 1 : limit(from)) ? Change.WIDENS : Change.NARROWS;
        }
        if (Set.of("text", "varchar").contains(f) && t.equals("char")) {
            return Change.NARROWS;
        }
        if (f.equals("varbit") && t.equals("varbit")) {
            Integer tl = limit(to);
            Integer fl = limit(from);
            return tl == null || (fl != null && tl >= fl) ? Change.NO_REWRITE : Change.NARROWS;
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (to.mods().isEmpty()) {
                return Change.NO_REWRITE;
            }
            if (from.mods().isEmpty()) {
                return Change.NARROWS;
            }
            int fp = from.mods().get(0);
            int fs = from.mods().size() > 1 ? from.mods().get(1) : 0;
            int tp = to.mods().get(0);
            int ts = to.mods().size() > 1 ? to.mods().get(1) : 0;
            if (ts == fs && tp >= fp) {
                return Change.NO_REWRITE;
            }
            return ts >= fs && tp - ts >= fp - fs ? Change.WIDENS : Change.NARROWS;
        }
        if (f.equals("cidr") && t.equals("inet")) {
            return Change.NO_REWRITE;
        }
        int fi = INTEGERS.indexOf(f);
        int ti = INTEGERS.indexOf(t);
        if (fi >= 0 && ti >= 0) {
            return ti > fi ? Change.WIDENS : Change.NARROWS;
        }
        if (fi >= 0 && Set.of("numeric", "double precision").contains(t) && to.mods().isEmpty()) {
            return Change.WIDENS;
        }
        if (f.equals("real") && t.equals("double precision")) {
            return Change.WIDENS;
        }
        if ((f.equals("double precision") && t.equals("real")) || (Set.of("numeric", "real", "double precision").contains(f)
                && ti >= 0) || (f.equals("bigint") && t.equals("real"))) {
            return Change.NARROWS;
        }
        if (Set.of("timestamp", "timestamptz").contains(f) && t.equals("date")) {
            return Change.NARROWS; // the time of day is dropped
        }
        return Change.OTHER;
    }

    private static Integer limit(ColumnType t) {
        return t.mods().isEmpty() ? null : t.mods().get(0);
    }

    @Override
    public String toString() {
        return base + (mods.isEmpty() ? "" : mods.toString().replace('[', '(').replace(']', ')').replace(" ", ""))
                + (array ? "[]" : "");
    }
}
