package dev.dbmigrations.engine.execute;

/** Quoting of identifiers; every name the engine puts into SQL goes through here. */
public final class Sql {

    private Sql() {
    }

    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.table} or {@code table} (in {@code defaultSchema}), both parts quoted. */
    public static String qualified(String name, String defaultSchema) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return ident(defaultSchema) + "." + ident(name);
        }
        return ident(name.substring(0, dot)) + "." + ident(name.substring(dot + 1));
    }

    public static String schemaOf(String name, String defaultSchema) {
        int dot = name.indexOf('.');
        return dot < 0 ? defaultSchema : name.substring(0, dot);
    }

    public static String tableOf(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
