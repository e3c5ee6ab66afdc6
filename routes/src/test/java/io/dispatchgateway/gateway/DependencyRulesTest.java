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

    /** The packages of the routes module build on each other one way: no cycle between any two of them. */
    @ArchTest
    static final ArchRule routesPackagesAreFreeOfCycles = com.tngtech.archunit.library.dependencies
            .SlicesRuleDefinition.slices().matching("io.dispatchgateway.gateway.(*)..").should().beFreeOfCycles();

    /** Settings and tenancy are read by every package and depend on none. */
    @ArchTest
    static final ArchRule settingsAndTenancyDependOnNoOtherGatewayPackage = noClasses().that()
            .resideInAnyPackage("io.dispatchgateway.gateway.settings..", "io.dispatchgateway.gateway.tenancy..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dispatchgateway.gateway.config..",
                    "io.dispatchgateway.gateway.dispatch..", "io.dispatchgateway.gateway.flow..",
                    "io.dispatchgateway.gateway.intake..", "io.dispatchgateway.gateway.kpi..",
                    "io.dispatchgateway.gateway.live..", "io.dispatchgateway.gateway.persistence..",
                    "io.dispatchgateway.gateway.security..", "io.dispatchgateway.gateway.source..",
                    "io.dispatchgateway.gateway.web..");

    /** What the pipeline and live operations share depends on neither. */
    @ArchTest
    static final ArchRule dispatchIsBelowThePipelineAndLiveOperations = noClasses().that()
            .resideInAPackage("io.dispatchgateway.gateway.dispatch..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dispatchgateway.gateway.flow..",
                    "io.dispatchgateway.gateway.live..", "io.dispatchgateway.gateway.web..");

    @ArchTest
    static final ArchRule adaptersAreIndependent = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("io.dispatchgateway.adapters.(*)..").should().notDependOnEachOther();
}
