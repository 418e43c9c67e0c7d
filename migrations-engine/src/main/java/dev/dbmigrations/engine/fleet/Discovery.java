package dev.dbmigrations.engine.fleet;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.FleetTarget;
import dev.dbmigrations.engine.api.FleetTargets;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Secrets;
import dev.dbmigrations.engine.api.ServerLogins;
import dev.dbmigrations.engine.execute.Database;
import dev.dbmigrations.engine.source.FleetSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an environment's {@code targets} into the list a fleet run walks, in a stable order: the
 * {@code urls} as written, then the rows of the discovery query in the order it returns them; each
 * database stands for itself, or, with {@code schemaPattern}, for its schemas that match, by name.
 * Anything wrong (a variable not set, a query that fails or returns what is not a target, a target
 * twice, none at all) is a problem, and the run starts nowhere.
 */
public final class Discovery {

    static final Pattern ENV = Pattern.compile("^\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)\\}$");
    static final Pattern SCHEMA = Pattern.compile("^[a-z][a-z0-9_]*$");

    private final FleetSpec spec;
    private final MigrationsConfig base;
    private final ServerLogins logins;
    private final Function<String, String> env;
    private final List<Problem> problems = new ArrayList<>();

    /** A database a target list holds: its URL, its login's server, and the schema a row of the query named (or null). */
    private record Database0(String url, String serverId, String schema, String from) {
    }

    public Discovery(FleetSpec spec, MigrationsConfig base, ServerLogins logins, Function<String, String> env) {
        this.spec = spec;
        this.base = base;
        this.logins = logins;
        this.env = env;
    }

    public FleetTargets discover() {
        List<Database0> databases = new ArrayList<>();
        for (FleetSpec.Url u : spec.urls()) {
            String url = resolve(u.url(), "a URL of the targets (line " + u.line() + ")");
            if (url != null) {
                databases.add(new Database0(url, u.serverId(), null, "line " + u.line()));
            }
        }
        if (spec.discover() != null) {
            databases.addAll(query(spec.discover()));
        }
        if (spec.urls().isEmpty() && spec.discover() == null) {
            databases.add(new Database0(base.url(), null, null, "migrations.url"));
        }
        if (!problems.isEmpty()) {
            return new FleetTargets(List.of(), problems);
        }
        boolean schemas = spec.schemaPattern() != null
                || databases.stream().anyMatch(d -> d.schema() != null && !d.schema().equals(base.schema()));
        if (schemas && base.table().contains(".")) {
            problems.add(fleet("a fleet of schemas needs a tracking table in each schema, but migrations.table is "
                    + base.table(), "drop migrations.table, so that each schema keeps <schema>_schema_migrations"));
            return new FleetTargets(List.of(), problems);
        }
        Map<String, FleetTarget> byName = new LinkedHashMap<>();
        for (Database0 d : databases) {
            List<String> names = d.schema() != null ? List.of(d.schema())
                    : spec.schemaPattern() != null ? matching(d) : List.of(base.schema());
            for (String schema : names) {
                if (!SCHEMA.matcher(schema).matches()) {
                    problems.add(fleet("schema \"" + schema + "\" of " + FleetTarget.database(d.url()) + " (from " + d.from()
                            + ") is not a name the tool migrates", "name tenant schemas in lower case, ^[a-z][a-z0-9_]*$,"
                            + " or narrow the discovery to them"));
                    continue;
                }
                FleetTarget t = FleetTarget.of(d.url(), schema, d.serverId(), schemas);
                FleetTarget before = byName.putIfAbsent(t.name(), t);
                if (before != null) {
                    problems.add(fleet("target " + t.name() + " is listed twice (again from " + d.from() + ")",
                            "list each database once; a run would otherwise migrate it twice over"));
                }
            }
        }
        if (problems.isEmpty() && byName.isEmpty()) {
            problems.add(fleet("the targets of " + base.environment() + " reach no database"
                    + (spec.schemaPattern() != null ? ": no schema matches \"" + spec.schemaPattern() + "\"" : ""),
                    "check the discovery query and schemaPattern; a fleet run that reaches nothing is refused, not"
                            + " reported as done"));
        }
        return new FleetTargets(problems.isEmpty() ? List.copyOf(byName.values()) : List.of(), List.copyOf(problems));
    }

    /** The rows of the discovery query as databases, or none (with a problem). */
    private List<Database0> query(FleetSpec.Discover d) {
        List<Database0> out = new ArrayList<>();
        String url = d.url() == null ? base.url() : resolve(d.url(), "the discovery's url");
        if (url == null) {
            return out;
        }
        MigrationsConfig directory = configFor(url, d.serverId(), base.schema());
        if (directory == null) {
            return out;
        }
        try (Connection c = new Database(directory).connect("discover");
             Statement st = c.createStatement()) {
            // the discovery only reads: a query that writes fails here instead
            st.execute("set session characteristics as transaction read only");
            try (ResultSet rs = st.executeQuery(d.query())) {
                ResultSetMetaData md = rs.getMetaData();
                int urlCol = column(md, "url");
                int schemaCol = column(md, "schema");
                int serverCol = column(md, "server_id");
                if (urlCol < 0 && schemaCol < 0) {
                    problems.add(fleet("the discovery query (line " + d.line() + ") returns no column named url or"
                            + " schema", "name its columns: select jdbc_url as url from shards, or select name as"
                            + " schema from tenants"));
                    return out;
                }
                int row = 0;
                while (rs.next()) {
                    row++;
                    String rowUrl = urlCol < 0 ? null : rs.getString(urlCol);
                    String schema = schemaCol < 0 ? null : rs.getString(schemaCol);
                    if ((urlCol >= 0 && rowUrl == null) || (schemaCol >= 0 && schema == null)) {
                        problems.add(fleet("row " + row + " of the discovery query has a null url or schema",
                                "filter those rows out in the query"));
                        continue;
                    }
                    if (rowUrl != null && !rowUrl.startsWith("jdbc:postgresql:")) {
                        problems.add(fleet("row " + row + " of the discovery query has a url that is not a"
                                + " jdbc:postgresql: URL", "return JDBC URLs such as jdbc:postgresql://db1:5432/app"));
                        continue;
                    }
                    out.add(new Database0(rowUrl == null ? base.url() : rowUrl, serverCol < 0 ? null : rs.getString(serverCol),
                            schema, "row " + row + " of the discovery query"));
                }
            }
        } catch (SQLException e) {
            problems.add(fleet("the discovery query (line " + d.line() + ") failed on " + Secrets.maskUrl(url)
                    + ": SQLSTATE " + e.getSQLState() + " " + Secrets.scrub(e.getMessage(), directory.password()),
                    "run the query by hand on that database and fix it; it must only read"));
        } catch (MigrationsException e) {
            problems.add(fleet("the discovery cannot reach its database: " + e.getMessage(),
                    "check the discovery's url and serverId, and that the server is up"));
        }
        return out;
    }

    /** The schemas of database {@code d} whose names match the pattern, by name. */
    private List<String> matching(Database0 d) {
        List<String> out = new ArrayList<>();
        MigrationsConfig c = configFor(d.url(), d.serverId(), base.schema());
        if (c == null) {
            return out;
        }
        try (Connection conn = new Database(c).connect("discover");
             PreparedStatement ps = conn.prepareStatement(
                     "select nspname::text from pg_catalog.pg_namespace where nspname like ? order by nspname collate \"C\"")) {
            ps.setString(1, spec.schemaPattern());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            problems.add(fleet("cannot list the schemas of " + FleetTarget.database(d.url()) + ": SQLSTATE " + e.getSQLState()
                    + " " + Secrets.scrub(e.getMessage(), c.password()), "check that the user may read pg_namespace"));
        } catch (MigrationsException e) {
            problems.add(fleet("cannot list the schemas of " + FleetTarget.database(d.url()) + ": " + e.getMessage(),
                    "start the server or take it out of the targets; nothing ran anywhere"));
        }
        return out;
    }

    /** The run's config pointed at {@code url} and {@code schema}, with the login of {@code serverId}; null (with a problem) when unknown. */
    public MigrationsConfig configFor(String url, String serverId, String schema) {
        MigrationsConfig.Builder b = base.toBuilder().url(url).schema(schema);
        if (!schema.equals(base.schema()) && base.table().equals(base.schema() + "_schema_migrations")) {
            // the default tracking table follows the schema: each tenant keeps its own
            b.table(null);
        }
        if (serverId != null) {
            try {
                ServerLogins.Login login = logins.login(serverId);
                b.user(login.user()).password(login.password());
            } catch (IllegalArgumentException e) {
                problems.add(fleet("target " + FleetTarget.database(url) + " takes the credentials of server '" + serverId
                        + "': " + e.getMessage(), "add a <server> with that id to settings.xml"));
                return null;
            }
        }
        return b.build();
    }

    private String resolve(String value, String what) {
        Matcher m = ENV.matcher(value);
        if (!m.matches()) {
            return value;
        }
        String v = env.apply(m.group(1));
        if (v == null || v.isBlank()) {
            problems.add(fleet(what + " reads ${env." + m.group(1) + "}, which is not set",
                    "set " + m.group(1) + " where the deploy runs"));
            return null;
        }
        if (!v.startsWith("jdbc:postgresql:")) {
            problems.add(fleet(what + " reads ${env." + m.group(1) + "}, which is not a jdbc:postgresql: URL",
                    "set " + m.group(1) + " to e.g. jdbc:postgresql://db1:5432/app"));
            return null;
        }
        return v;
    }

    private static int column(ResultSetMetaData md, String label) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    private Problem fleet(String message, String fix) {
        return Check.FLEET_TARGETS.at(spec.file(), spec.line(), 0, message, fix);
    }
}
