package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.Sql;

import java.sql.Statement;
import java.util.List;

/**
 * {@code migrations:clean}: the service's schema dropped with everything in it, as Flyway's clean
 * does, to start a development database over. Refused outside the development environment, without
 * the schema's name as confirmation, and while objects of other schemas depend on it (dropping it
 * would drop them too).
 */
final class CleanCommand extends ServiceCommand {

    static final String ENVIRONMENT = "development";

    CleanCommand(Service service) {
        super(service);
    }

    RunResult run(String confirm) {
        if (!ENVIRONMENT.equals(config.environment())) {
            return refused("clean", List.of(Check.CLEAN_ENVIRONMENT.of("clean drops schema " + config.schema()
                            + " and everything in it, and runs only in the development environment, not in "
                            + config.environment(), "to start " + config.environment() + " over, roll back with"
                            + " mvn migrations:down -Dmigrations.count=all, which its policy checks")));
        }
        if (!config.schema().equals(confirm)) {
            return refused("clean", List.of(Check.CLEAN_CONFIRM.of("clean drops schema " + config.schema()
                    + " and everything in it", "confirm with -Dmigrations.confirm=" + config.schema())));
        }
        return locked("clean", (work, set, state, notes) -> {
            List<String> dependents = new DatabaseGraph(work).dependentsOutside(config.schema());
            if (!dependents.isEmpty()) {
                return finish("clean", List.of(), List.of(Check.CLEAN_DEPENDENTS.of("objects in other schemas depend on "
                                + config.schema() + " and would be dropped with it: " + String.join(", ", dependents),
                        "clean the services they belong to first, or roll back their migrations")), notes, work);
            }
            try (Statement st = work.createStatement()) {
                st.execute("drop schema " + Sql.ident(config.schema()) + " cascade");
                if (!Sql.schemaOf(config.table(), config.schema()).equals(config.schema())) {
                    st.execute("drop table if exists " + tracking.golangTable());
                    notes.add("Dropped golang-migrate's table " + config.table());
                }
            }
            notes.add("Dropped schema " + config.schema() + " and everything in it; the next up starts from nothing");
            return new RunResult("clean", config.schema(), List.of(), List.of(), notes, -1, false, "");
        });
    }
}
