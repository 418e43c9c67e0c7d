package dev.dbmigrations.engine.source;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code targets} of an environment in environments.json: the databases (and, for schema-per-tenant,
 * the schemas) one run of the environment reaches, and how the run walks them. See docs/fleet.md.
 *
 * @param urls            databases named in the file, in order (a URL, or {@code ${env.NAME}})
 * @param discover        a query on a directory database whose rows name more targets; or null
 * @param schemaPattern   a LIKE pattern: each database stands for its schemas that match it; or null
 * @param canary          how many targets run first, alone, before any other starts
 * @param waveSize        how many targets each wave after the canary holds; null: the rest in one wave
 * @param parallelism     how many targets run at once
 * @param continueOnFailure whether a failed target lets the others of its wave and the later waves start
 * @param line            where {@code targets} is written, for messages
 */
public record FleetSpec(List<Url> urls, Discover discover, String schemaPattern, int canary, Integer waveSize,
                        int parallelism, boolean continueOnFailure, Path file, int line) {

    /** A database of {@code urls}: its URL as written and the settings.xml server whose credentials it takes (or null). */
    public record Url(String url, String serverId, int line) {
    }

    /**
     * The discovery of targets: {@code query} runs on {@code url} (null: the run's own URL) with the
     * credentials of {@code serverId} (null: the run's own); its columns {@code url} and/or {@code schema}
     * name the targets, and {@code server_id} the credentials of a row's URL.
     */
    public record Discover(String query, String url, String serverId, int line) {
    }

    public static final int DEFAULT_PARALLELISM = 4;
    public static final int MAX_PARALLELISM = 64;
    static final Set<String> KEYS = Set.of("urls", "discover", "schemaPattern", "canary", "waveSize", "parallelism",
            "onFailure");
    static final Pattern URL = Pattern.compile("^(jdbc:postgresql:\\S+|\\$\\{env\\.[A-Za-z_][A-Za-z0-9_]*\\})$");
    static final Pattern LIKE = Pattern.compile("^[a-z_%][a-z0-9_%]*$");
    static final Pattern SERVER_ID = Pattern.compile("^[A-Za-z0-9_.\\-]+$");
    /** A credential written into a URL: never in a file under version control. */
    static final Pattern SECRET = Pattern.compile("(?i)[?&](password|sslpassword)=");

    private static final String EXAMPLE = "write \"targets\": {\"urls\": [\"jdbc:postgresql://db1:5432/app\"],"
            + " \"canary\": 1, \"parallelism\": 4}";

    /** The {@code targets} value of environment {@code env}; null (with problems) when anything in it is wrong. */
    static FleetSpec parse(Path file, String env, LocatedJson.Node v, List<Problem> problems) {
        if (!v.isObject()) {
            problems.add(LocatedJson.at(file, v, Check.ENVIRONMENTS, "\"targets\" of " + env + " must be an object", EXAMPLE));
            return null;
        }
        int before = problems.size();
        List<Url> urls = new ArrayList<>();
        Discover discover = null;
        String pattern = null;
        int canary = 1;
        Integer waveSize = null;
        int parallelism = DEFAULT_PARALLELISM;
        boolean cont = false;
        for (LocatedJson.Entry e : v.object().values()) {
            LocatedJson.Node x = e.value();
            switch (e.key()) {
                case "urls" -> urls = urls(file, env, x, problems);
                case "discover" -> discover = discover(file, env, x, problems);
                case "schemaPattern" -> {
                    if (!x.isString() || !LIKE.matcher(x.text()).matches()) {
                        problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"schemaPattern\" of " + env
                                + " must be a LIKE pattern of lower-case schema names", "write \"schemaPattern\": \"tenant_%\""));
                    } else {
                        pattern = x.text();
                    }
                }
                case "canary" -> canary = count(file, env, e, 0, Integer.MAX_VALUE, problems, canary);
                case "waveSize" -> waveSize = count(file, env, e, 1, Integer.MAX_VALUE, problems, 1);
                case "parallelism" -> parallelism = count(file, env, e, 1, MAX_PARALLELISM, problems, parallelism);
                case "onFailure" -> {
                    if (!x.isString() || !Set.of("stop", "continue").contains(x.text())) {
                        problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"onFailure\" of " + env
                                + " must be \"stop\" or \"continue\"", "write \"onFailure\": \"stop\""));
                    } else {
                        cont = x.text().equals("continue");
                    }
                }
                default -> problems.add(LocatedJson.at(file, e, Check.ENVIRONMENTS, "unknown key \"" + e.key()
                        + "\" in the targets of " + env, "use one of " + new java.util.TreeSet<>(KEYS)
                        + Environments.suggestion(e.key(), KEYS)));
            }
        }
        if (problems.size() == before && urls.isEmpty() && discover == null && pattern == null) {
            problems.add(LocatedJson.at(file, v, Check.ENVIRONMENTS, "the targets of " + env + " name no database:"
                    + " they need \"urls\", \"discover\" or \"schemaPattern\"", EXAMPLE));
        }
        return problems.size() == before ? new FleetSpec(List.copyOf(urls), discover, pattern, canary, waveSize,
                parallelism, cont, file, v.line()) : null;
    }

    private static List<Url> urls(Path file, String env, LocatedJson.Node x, List<Problem> problems) {
        List<Url> out = new ArrayList<>();
        if (x.kind() != LocatedJson.Kind.ARRAY || x.array().isEmpty()) {
            problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"urls\" of the targets of " + env
                    + " must be a list of JDBC URLs", "write \"urls\": [\"jdbc:postgresql://db1:5432/app\"]"));
            return out;
        }
        for (LocatedJson.Node u : x.array()) {
            if (u.isString()) {
                String url = url(file, env, u, problems);
                if (url != null) {
                    out.add(new Url(url, null, u.line()));
                }
            } else if (u.isObject()) {
                String url = null;
                String server = null;
                for (LocatedJson.Entry e : u.object().values()) {
                    switch (e.key()) {
                        case "url" -> url = url(file, env, e.value(), problems);
                        case "serverId" -> server = serverId(file, env, e.value(), problems);
                        default -> problems.add(LocatedJson.at(file, e, Check.ENVIRONMENTS, "unknown key \"" + e.key()
                                + "\" in a target of " + env, "use url and serverId"));
                    }
                }
                if (!u.object().containsKey("url")) {
                    problems.add(LocatedJson.at(file, u, Check.ENVIRONMENTS, "a target of " + env + " has no \"url\"",
                            "write {\"url\": \"jdbc:postgresql://db1:5432/app\", \"serverId\": \"db1\"}"));
                } else if (url != null) {
                    out.add(new Url(url, server, u.line()));
                }
            } else {
                problems.add(LocatedJson.at(file, u, Check.ENVIRONMENTS, "a target of " + env
                        + " must be a JDBC URL or an object with url and serverId", "write \"jdbc:postgresql://db1:5432/app\""));
            }
        }
        return out;
    }

    private static Discover discover(Path file, String env, LocatedJson.Node x, List<Problem> problems) {
        String example = "write \"discover\": {\"query\": \"select url from shards where active order by name\"}";
        if (!x.isObject()) {
            problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"discover\" of " + env + " must be an object", example));
            return null;
        }
        int before = problems.size();
        String query = null;
        String url = null;
        String server = null;
        for (LocatedJson.Entry e : x.object().values()) {
            switch (e.key()) {
                case "query" -> {
                    if (!e.value().isString() || e.value().text().isBlank()) {
                        problems.add(LocatedJson.at(file, e.value(), Check.ENVIRONMENTS, "\"query\" of the discovery of "
                                + env + " must be a SELECT", example));
                    } else {
                        query = e.value().text();
                    }
                }
                case "url" -> url = url(file, env, e.value(), problems);
                case "serverId" -> server = serverId(file, env, e.value(), problems);
                default -> problems.add(LocatedJson.at(file, e, Check.ENVIRONMENTS, "unknown key \"" + e.key()
                        + "\" in the discovery of " + env, "use query, url and serverId"));
            }
        }
        if (!x.object().containsKey("query")) {
            problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "the discovery of " + env + " has no \"query\"", example));
        }
        return problems.size() == before ? new Discover(query, url, server, x.line()) : null;
    }

    private static String url(Path file, String env, LocatedJson.Node u, List<Problem> problems) {
        if (!u.isString() || !URL.matcher(u.text()).matches()) {
            // the value may hold a secret: never echoed
            problems.add(LocatedJson.at(file, u, Check.ENVIRONMENTS, "a URL in the targets of " + env
                    + " must be a jdbc:postgresql: URL or ${env.NAME}", "write \"jdbc:postgresql://db1:5432/app\""));
            return null;
        }
        if (SECRET.matcher(u.text()).find()) {
            problems.add(LocatedJson.at(file, u, Check.ENVIRONMENTS, "a URL in the targets of " + env
                    + " carries a password, and environments.json is under version control",
                    "remove the password from the URL and give the target a \"serverId\" of settings.xml, or set"
                            + " MIGRATIONS_PASSWORD where the deploy runs"));
            return null;
        }
        return u.text();
    }

    private static String serverId(Path file, String env, LocatedJson.Node v, List<Problem> problems) {
        if (!v.isString() || !SERVER_ID.matcher(v.text()).matches()) {
            problems.add(LocatedJson.at(file, v, Check.ENVIRONMENTS, "\"serverId\" in the targets of " + env
                    + " must be the id of a <server> of settings.xml", "write \"serverId\": \"shard-eu\""));
            return null;
        }
        return v.text();
    }

    private static int count(Path file, String env, LocatedJson.Entry e, int min, int max, List<Problem> problems,
                             int fallback) {
        LocatedJson.Node x = e.value();
        try {
            if (x.kind() != LocatedJson.Kind.NUMBER) {
                throw new NumberFormatException();
            }
            int n = Integer.parseInt(x.text());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            problems.add(LocatedJson.at(file, x, Check.ENVIRONMENTS, "\"" + e.key() + "\" in the targets of " + env
                    + " must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max),
                    "write \"" + e.key() + "\": " + Math.max(min, Math.min(max, 4))));
            return fallback;
        }
    }
}
