package dev.freeport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rules the package map in ARCHITECTURE.md promises, checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.freeport");
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.freeport.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void configDependsOnlyOnTheApiAndErrorPackages() {
        classes().that().resideInAPackage("dev.freeport.config..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.freeport..")
                        .or(resideInAnyPackage("dev.freeport.config..", "dev.freeport.api..", "dev.freeport.error..")))
                .check(main);
    }

    @Test
    void theFlowNamesNoConcreteFront() {
        noClasses().that().resideInAPackage("dev.freeport.flow..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.freeport.front.*..")
                .check(main);
    }

    @Test
    void onlyFrontsAndTheServerTouchVertxServerRequestsAndResponses() {
        noClasses().that().resideOutsideOfPackages("dev.freeport.front..", "dev.freeport.server..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.HttpServerRequest")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.HttpServerResponse")
                .check(main);
    }

    @Test
    void providersDoNotImportFronts() {
        noClasses().that().resideInAPackage("dev.freeport.provider..")
                .should().dependOnClassesThat().resideInAPackage("dev.freeport.front..")
                .check(main);
    }

    @Test
    void dialectsDoNotImportFrontsOrTheFlow() {
        noClasses().that().resideInAPackage("dev.freeport.dialect..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.freeport.front.*..", "dev.freeport.flow..",
                        "dev.freeport.server..")
                .check(main);
    }

    @Test
    void modulesDoNotImportTheCoreTheyPlugInto() {
        noClasses().that().resideInAnyPackage("dev.freeport.access..", "dev.freeport.limits..",
                        "dev.freeport.vendors..", "dev.freeport.responses..", "dev.freeport.front..",
                        "dev.freeport.console..", "dev.freeport.observe..",
                        "dev.freeport.lab..", "dev.freeport.adminlog..", "dev.freeport.cache..", "dev.freeport.batch..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.freeport.server..", "dev.freeport.flow..")
                .check(main);
    }
}
