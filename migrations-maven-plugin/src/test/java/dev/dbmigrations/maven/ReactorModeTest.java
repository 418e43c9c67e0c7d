package dev.dbmigrations.maven;

import dev.dbmigrations.engine.api.MigrationsConfig;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin's own decisions about modules and folders, on real Maven project and session objects. */
class ReactorModeTest {

    @TempDir
    Path tmp;

    private MavenProject module(String name, Properties props) throws Exception {
        Path base = Files.createDirectories(tmp.resolve(name));
        Model model = new Model();
        model.setGroupId("it");
        model.setArtifactId(name);
        model.setVersion("1");
        model.setProperties(props);
        MavenProject p = new MavenProject(model);
        p.setFile(base.resolve("pom.xml").toFile());
        return p;
    }

    @SuppressWarnings("deprecation")
    private static MavenSession session(Properties user, MavenProject... projects) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(user);
        MavenSession s = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
        s.setProjects(List.of(projects));
        return s;
    }

    private static final Supplier<MigrationsConfig.Builder> SHARED =
            () -> MigrationsConfig.builder().url("jdbc:postgresql://localhost/x");

    @Test
    void aRelativeMigrationsDirIsTheModulesNotTheWorkingDirectorys() throws Exception {
        Properties props = new Properties();
        props.setProperty("migrations.dir", "db/migrations");
        MavenProject billing = module("billing-service", props);
        Files.createDirectories(billing.getBasedir().toPath().resolve("db/migrations"));
        assertEquals(billing.getBasedir().toPath().resolve("db/migrations").toFile(), ReactorMode.folderOf(billing));
        List<MigrationsConfig> configs = ReactorMode.configs(session(new Properties(), billing), SHARED);
        assertEquals(1, configs.size());
        assertEquals(billing.getBasedir().toPath().resolve("db/migrations"), configs.get(0).dir());
    }

    @Test
    void aModuleWithoutAFolderIsLeftOutButASetFolderThatIsMissingIsAnError() throws Exception {
        MavenProject parent = module("parent", new Properties());
        MavenProject users = module("user-service", new Properties());
        Files.createDirectories(users.getBasedir().toPath().resolve("migrations"));
        assertEquals(List.of("user-service"), ReactorMode.configs(session(new Properties(), parent, users), SHARED)
                .stream().map(MigrationsConfig::service).toList());

        Properties typo = new Properties();
        typo.setProperty("migrations.dir", "migratoins");
        MavenProject broken = module("billing-service", typo);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReactorMode.configs(session(new Properties(), users, broken), SHARED));
        assertTrue(e.getMessage().contains("migratoins does not exist"), e.getMessage());
    }

    @Test
    void aServiceFilterMustNameAServiceOfTheReactor() throws Exception {
        MavenProject users = module("user-service", new Properties());
        Files.createDirectories(users.getBasedir().toPath().resolve("migrations"));
        Properties user = new Properties();
        user.setProperty("migrations.service", "billing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReactorMode.configs(session(user, users), SHARED));
        assertTrue(e.getMessage().contains("fix: use one of user-service"), e.getMessage());
    }

    @Test
    void aCascadeDownAskedForOneServiceKeepsTheOthersAsParticipants() throws Exception {
        MavenProject users = module("user-service", new Properties());
        MavenProject billing = module("billing-service", new Properties());
        Files.createDirectories(users.getBasedir().toPath().resolve("migrations"));
        Files.createDirectories(billing.getBasedir().toPath().resolve("migrations"));
        Properties user = new Properties();
        user.setProperty("migrations.service", "billing-service");
        user.setProperty("migrations.cascade", "true");
        ReactorMode.Selection down = ReactorMode.select(session(user, users, billing), "down", SHARED);
        assertEquals(2, down.configs().size());
        assertEquals(java.util.Set.of("billing-service"), down.asked());
        ReactorMode.Selection up = ReactorMode.select(session(user, users, billing), "up", SHARED);
        assertEquals(1, up.configs().size(), "only down cascades");
        assertNull(up.asked());
    }

    @Test
    void onlyTheDefaultFolderOfAModuleInAMultiModuleBuildMayBeMissing() throws Exception {
        MavenProject a = module("a", new Properties());
        MavenProject b = module("b", new Properties());
        File missingDefault = Folders.defaultFolder(a);
        assertTrue(Folders.mayStay(session(new Properties(), a, b), a, missingDefault, true));
        assertFalse(Folders.mayStay(session(new Properties(), a), a, missingDefault, true),
                "a build of one project that deploys needs its folder");
        assertTrue(Folders.mayStay(session(new Properties(), a), a, missingDefault, false), "validate may skip");
        assertFalse(Folders.mayStay(session(new Properties(), a, b), a, new File(a.getBasedir(), "elsewhere"), false),
                "a folder someone set must exist");
    }
}
