package dev.dbmigrations.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The engine's layering, kept true by test: no Maven type, packages in one direction. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dbmigrations.engine");

    @Test
    void noMavenTypesInTheEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.dbmigrations.engine.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dataFlowsOneWay() {
        String[] order = {"api", "sql", "source", "lint", "plan", "execute", "report", "generate"};
        for (int i = 0; i < order.length; i++) {
            for (int j = i + 1; j < order.length; j++) {
                noClasses().that().resideInAPackage("dev.dbmigrations.engine." + order[i] + "..")
                        .should().dependOnClassesThat().resideInAPackage("dev.dbmigrations.engine." + order[j] + "..")
                        .check(classes);
            }
        }
    }
}
