package dev.dbmigrations.engine;

import dev.dbmigrations.engine.api.DepsResult;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.MigrationsException;
import dev.dbmigrations.engine.api.MigrationsListener;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.RunResult;
import dev.dbmigrations.engine.api.Secrets;
import dev.dbmigrations.engine.api.Step;
import dev.dbmigrations.engine.execute.Database;
import dev.dbmigrations.engine.execute.DatabaseGraph;
import dev.dbmigrations.engine.execute.SchemaLock;
import dev.dbmigrations.engine.execute.StepRunner;
import dev.dbmigrations.engine.plan.Plan;
import dev.dbmigrations.engine.plan.ReactorPlanner;
import dev.dbmigrations.engine.plan.ServicePlan;
import dev.dbmigrations.engine.report.DependencyGraph;
import dev.dbmigrations.engine.source.Dependencies;
import dev.dbmigrations.engine.source.MigrationSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Several services sharing one database, run as one plan ({@link PlanCommand}, as a single service is):
 * {@code up} interleaves services where a migration needs another service's; {@code down} refuses to
 * roll back what an applied migration of any service requires, or with cascade rolls the dependants
 * back first. The configs share URL and credentials; the first one's listener, environment, lock
 * timeout and flags apply to the run.
 */
public final class Reactor {

    private final List<Migrations> services;
    private final MigrationsConfig lead;
    private final MigrationsListener listener;

    /** The services whose own migrations a down rolls back; null: all. The others only take part in a cascade. */
    private final java.util.Set<String> asked;

    public Reactor(List<MigrationsConfig> configs) {
        this(configs, null);
    }

    /**
     * A reactor of {@code configs} where {@code down} rolls back only the newest migrations of the
     * services in {@code asked} (null: all), and the other services take part so that a cascade can
     * roll their dependants back first.
     */
    public Reactor(List<MigrationsConfig> configs, java.util.Set<String> asked) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("a reactor run needs at least one service");
        }
        this.services = configs.stream().map(Migrations::new).toList();
        this.lead = configs.get(0);
        this.listener = lead.listener();
        this.asked = asked == null ? null : java.util.Set.copyOf(asked);
    }

    private List<Service> contexts() {
        return services.stream().map(Migrations::service).toList();
    }

    /** The service that owns {@code schema} in this reactor, or null. */
    public String serviceOfSchema(String schema) {
        return services.stream().map(Migrations::config).filter(c -> c.schema().equals(schema))
                .map(MigrationsConfig::service).findFirst().orElse(null);
    }

    /** Applies what is pending in every service, in one order that satisfies every dependency. */
    public List<RunResult> up(Integer count) {
        return PlanCommand.run(contexts(), "up", lead.lockTimeout(),
                (plans, graph) -> ReactorPlanner.up(plans, graph, lead.outOfOrder(), count, null));
    }

    /** Rolls back the newest {@code count} (default 1) migrations of every service, dependants first with cascade. */
    public List<RunResult> down(Integer count) {
        return PlanCommand.run(contexts(), "down", lead.lockTimeout(),
                (plans, graph) -> ReactorPlanner.down(plans, graph, count, null, lead.cascade(), asked));
    }

    /** Every service's migrations replayed and proven on one scratch database, other services' requirements first. */
    public dev.dbmigrations.engine.api.VerifyResult verify(String devUrl) {
        return VerifyCommand.run(contexts(), devUrl);
    }

    /** {@link #verify} in its syntax mode: every up once, for exact syntax and names. */
    public dev.dbmigrations.engine.api.VerifyResult verifySyntax(String devUrl) {
        return VerifyCommand.run(contexts(), devUrl, VerifyCommand.Mode.SYNTAX);
    }

    /** Every service's live schema against a replay of its applied migrations, on one scratch database. */
    public dev.dbmigrations.engine.api.DriftResult drift(String devUrl) {
        return DriftCommand.run(contexts(), devUrl);
    }

    /** The dependency graph of these services, read from their folders; no database. */
    public DepsResult deps() {
        return DependencyGraph.of(services.stream().map(m -> {
            MigrationSet set = m.service().read("deps");
            return new DependencyGraph.Service(m.config().service(), set, Dependencies.read(m.config().dir(), set.migrations()));
        }).toList());
    }

    /**
     * The migrations report's body (see {@link dev.dbmigrations.engine.report.SiteReport}) for every
     * service; with {@code database}, states and durations read from each service's database, which is
     * only read (a database that cannot be reached is said in the report, never a failure).
     */
    public String siteReport(boolean database) {
        List<dev.dbmigrations.engine.report.SiteReport.Section> sections = new java.util.ArrayList<>();
        for (var m : services) {
            MigrationsConfig c = m.config();
            List<dev.dbmigrations.engine.report.MigrationPages.Doc> docs =
                    dev.dbmigrations.engine.report.MigrationPages.docs(c.dir(), c.service(), c.schema());
            dev.dbmigrations.engine.api.StatusResult status = null;
            dev.dbmigrations.engine.api.HistoryResult history = null;
            String note = "no database asked for";
            if (database) {
                try {
                    Migrations one = new Migrations(c);
                    status = one.status();
                    history = one.history(new dev.dbmigrations.engine.api.HistoryResult.Query(null, null, null, null, 10_000));
                    note = null;
                } catch (RuntimeException e) {
                    status = null;
                    history = null;
                    note = "cannot read " + c.maskedUrl() + ": " + dev.dbmigrations.engine.api.Secrets.scrub(
                            String.valueOf(e.getMessage()), c.password());
                }
            }
            sections.add(new dev.dbmigrations.engine.report.SiteReport.Section(c.service(), c.schema(), docs, status,
                    history, note));
        }
        return dev.dbmigrations.engine.report.SiteReport.html(sections, deps());
    }

    /**
     * The names of {@code selected} and of the services they require, transitively, among {@code configs}
     * (for {@code -Dmigrations.service=... -Dmigrations.withDependencies=true}).
     */
    public static java.util.Set<String> withRequired(java.util.Set<String> selected, List<MigrationsConfig> configs) {
        return DependencyGraph.withRequired(selected, configs.stream().map(c -> {
            MigrationSet set = dev.dbmigrations.engine.source.MigrationReader.read(c.dir());
            return new DependencyGraph.Service(c.service(), set, Dependencies.read(c.dir(), set.migrations()));
        }).toList());
    }

}
