package dev.dbmigrations.engine.db;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit extension: a test method that takes a {@link TestDb} parameter gets a fresh database,
 * dropped after the test.
 */
public final class FreshDatabase implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FreshDatabase.class);

    /** A fresh database: its URL and a few query helpers for assertions. */
    public record TestDb(String url) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        public void execute(String sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        /** The rows of a query, each row as a list of strings (null as "null"). */
        public List<List<String>> rows(String sql) throws SQLException {
            List<List<String>> out = new ArrayList<>();
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(String.valueOf(rs.getString(i)));
                    }
                    out.add(row);
                }
            }
            return out;
        }

        /** The single value of a one-row one-column query, or "none" when there is no row. */
        public String value(String sql) throws SQLException {
            List<List<String>> rows = rows(sql);
            return rows.isEmpty() ? "none" : rows.get(0).get(0);
        }

        public boolean tableExists(String qualified) throws SQLException {
            return !value("select to_regclass('" + qualified + "')").equals("null");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        String url = PostgresServer.createDatabase(e.getRequiredTestMethod().getName());
        e.getStore(NS).put("url", url);
        return new TestDb(url);
    }

    @Override
    public void afterEach(ExtensionContext e) {
        String url = e.getStore(NS).remove("url", String.class);
        if (url != null) {
            PostgresServer.dropDatabase(url);
        }
    }
}
