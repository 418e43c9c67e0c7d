package dev.dbmigrations.engine.api;


/**
 * One target of a fleet: a database, and the schema the service's migrations go into there.
 *
 * @param name     how messages, reports and {@code -Dmigrations.select} name it: {@code host:port/database},
 *                 then {@code /schema} when the fleet is one of schemas
 * @param url      the JDBC URL, as resolved (it may carry a user, never a password written in a file)
 * @param schema   the schema the run migrates
 * @param serverId the settings.xml server whose credentials it takes, or null for the run's own
 */
public record FleetTarget(String name, String url, String schema, String serverId) {

    /** A target for {@code url}, named by its host, port and database, with the schema when {@code showSchema}. */
    public static FleetTarget of(String url, String schema, String serverId, boolean showSchema) {
        return new FleetTarget(database(url) + (showSchema ? "/" + schema : ""), url, schema, serverId);
    }

    /** {@code host:port/database} of a JDBC URL, without its parameters and user; the URL masked when it has no such form. */
    public static String database(String url) {
        String rest = url.startsWith("jdbc:postgresql:") ? url.substring("jdbc:postgresql:".length()) : url;
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
            if (at >= 0) {
                rest = rest.substring(at + 1);
            }
        }
        return rest.isEmpty() ? Secrets.maskUrl(url) : rest;
    }

    /** The name as a file name: what is not a letter, a digit, '.', '-' or '_' becomes '_'. */
    public static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The URL with any password masked, safe to print. */
    public String maskedUrl() {
        return Secrets.maskUrl(url);
    }

    @Override
    public String toString() {
        return "FleetTarget[" + name + ", " + maskedUrl() + ", schema=" + schema + "]";
    }
}
