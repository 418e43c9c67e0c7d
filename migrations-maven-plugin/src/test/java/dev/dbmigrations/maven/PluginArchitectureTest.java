package dev.dbmigrations.maven;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The plugin is a front end: of the engine it sees the facade (Migrations, Reactor, Fleet, Reports) and the api, nothing else. */
class PluginArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dbmigrations.maven");

    @Test
    void thePluginUsesTheFacadeAndTheApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "dev.dbmigrations.engine.sql..", "dev.dbmigrations.engine.source..", "dev.dbmigrations.engine.lint..",
                        "dev.dbmigrations.engine.plan..", "dev.dbmigrations.engine.execute..",
                        "dev.dbmigrations.engine.report..", "dev.dbmigrations.engine.generate..", "dev.dbmigrations.engine.fleet..")
                .because("the engine's internals may change; the plugin goes through Migrations, Reactor, Fleet, Reports and api")
                .check(classes);
    }
}
