package dev.dbmigrations.engine.plan;

import java.util.List;

/**
 * What the planner may ask about services outside the run: whether one of their migrations is
 * applied (read from their tracking tables in the same database), and which applied migrations,
 * anywhere in the database, require a given one.
 */
public interface Graph {

    /** Whether {@code service}'s migration {@code version} is applied. */
    boolean applied(String service, long version);

    /** Applied migrations, in any service, whose recorded requirements include {@code service:version}, as {@code service:version}. */
    List<String> dependants(String service, long version);

    /** A database with no other service. */
    Graph NONE = new Graph() {
        @Override
        public boolean applied(String service, long version) {
            return false;
        }

        @Override
        public List<String> dependants(String service, long version) {
            return List.of();
        }
    };
}
