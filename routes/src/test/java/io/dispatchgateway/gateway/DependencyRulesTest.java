package io.dispatchgateway.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module dependency rules of the style guide: core <- mappings <- adapters; routes talks to ports only. */
@AnalyzeClasses(packages = "io.dispatchgateway", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    @ArchTest
    static final ArchRule coreIsPlainJava = noClasses().that().resideInAPackage("io.dispatchgateway.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "com.fasterxml.jackson..", "jakarta.servlet..", "java.net.http..", "io.dispatchgateway.mappings..",
                    "io.dispatchgateway.adapters..", "io.dispatchgateway.gateway..");

    @ArchTest
    static final ArchRule mappingsDependOnlyOnCore = noClasses().that()
            .resideInAPackage("io.dispatchgateway.mappings..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dispatchgateway.adapters..",
                    "io.dispatchgateway.gateway..", "org.apache.camel..", "org.springframework..");

    @ArchTest
    static final ArchRule routesReachAdaptersOnlyThroughPorts = noClasses().that()
            .resideInAPackage("io.dispatchgateway.gateway..")
            .should().dependOnClassesThat().resideInAPackage("io.dispatchgateway.adapters..");

    @ArchTest
    static final ArchRule adaptersDoNotKnowEachOtherOrTheRoutes = noClasses().that()
            .resideInAPackage("io.dispatchgateway.adapters..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dispatchgateway.gateway..");

    @ArchTest
    static final ArchRule adaptersAreIndependent = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("io.dispatchgateway.adapters.(*)..").should().notDependOnEachOther();
}
