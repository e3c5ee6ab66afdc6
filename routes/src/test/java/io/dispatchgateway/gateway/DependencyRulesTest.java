package io.dispatchgateway.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.dispatchgateway.gateway.settings.breach.SettingsThatReachIntoTheWeb;
import org.junit.jupiter.api.Test;

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

    /**
     * The gateway's Maven modules as layers, each used only by those above it: settings, persistence, dispatch,
     * live operations and KPIs, the HTTP surface, the Camel pipeline and the wiring of the executable. Maven keeps
     * a module from compiling against one above it; this rule also keeps packages of one module in their order.
     */
    @ArchTest
    static final ArchRule modulesAreLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("settings").definedBy("io.dispatchgateway.gateway.settings..", "io.dispatchgateway.gateway.tenancy..")
            .layer("persistence").definedBy("io.dispatchgateway.gateway.persistence..")
            .layer("intake").definedBy("io.dispatchgateway.gateway.intake..")
            .layer("dispatch").definedBy("io.dispatchgateway.gateway.dispatch..")
            .layer("live").definedBy("io.dispatchgateway.gateway.live..")
            .layer("kpi").definedBy("io.dispatchgateway.gateway.kpi..")
            .layer("web").definedBy("io.dispatchgateway.gateway.web..", "io.dispatchgateway.gateway.security..")
            .layer("pipeline").definedBy("io.dispatchgateway.gateway.flow..", "io.dispatchgateway.gateway.source..")
            .layer("wiring").definedBy("io.dispatchgateway.gateway", "io.dispatchgateway.gateway.config..")
            .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("pipeline").mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("web").mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("kpi").mayOnlyBeAccessedByLayers("web", "pipeline", "wiring")
            .whereLayer("live").mayOnlyBeAccessedByLayers("web", "pipeline", "wiring")
            .whereLayer("dispatch").mayOnlyBeAccessedByLayers("live", "web", "pipeline", "wiring")
            .whereLayer("intake").mayOnlyBeAccessedByLayers("dispatch", "live", "web", "pipeline", "wiring")
            .whereLayer("persistence").mayOnlyBeAccessedByLayers("intake", "dispatch", "live", "kpi", "web",
                    "pipeline", "wiring");

    /** The rules catch what they forbid: a settings class that reaches into the web layer breaks two of them. */
    @Test
    void aDeliberateViolationIsReported() {
        JavaClasses breach = new ClassFileImporter().importPackages("io.dispatchgateway.gateway.settings.breach",
                "io.dispatchgateway.gateway.web");
        EvaluationResult layers = modulesAreLayers.evaluate(breach);
        EvaluationResult settings = settingsAndTenancyDependOnNoOtherGatewayPackage.evaluate(breach);
        assertThat(layers.hasViolation()).isTrue();
        assertThat(layers.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(SettingsThatReachIntoTheWeb.class.getName()));
        assertThat(settings.hasViolation()).isTrue();
    }

    static final int MAX_COLLABORATORS = 8;

    /**
     * No bean takes more than {@value #MAX_COLLABORATORS} collaborators: a class that needs more does more than one
     * thing and is split. Settings values (a {@code *Properties} record, a time zone) are not collaborators.
     */
    @ArchTest
    static final ArchRule beansHaveFewCollaborators = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().areAnnotatedWith(org.springframework.stereotype.Component.class)
            .or().areAnnotatedWith(org.springframework.stereotype.Service.class)
            .or().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .or().areAnnotatedWith(org.springframework.stereotype.Controller.class)
            .or().areAssignableTo(io.dispatchgateway.core.port.JobSource.class)
            .should(haveAtMostCollaborators(MAX_COLLABORATORS));

    static com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>
            haveAtMostCollaborators(int most) {
        return new com.tngtech.archunit.lang.ArchCondition<>("have at most " + most + " collaborators") {
            @Override
            public void check(com.tngtech.archunit.core.domain.JavaClass type,
                    com.tngtech.archunit.lang.ConditionEvents events) {
                for (var constructor : type.getConstructors()) {
                    long collaborators = constructor.getRawParameterTypes().stream()
                            .filter(p -> !p.getSimpleName().endsWith("Properties") && !p.isPrimitive()
                                    && !p.isEquivalentTo(java.time.ZoneId.class) && !p.isEquivalentTo(String.class))
                            .count();
                    if (collaborators > most) {
                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(type, type.getName()
                                + " takes " + collaborators + " collaborators (at most " + most + ")"));
                    }
                }
            }
        };
    }

    /** The collaborator rule catches a bean with nine. */
    @Test
    void aBeanWithTooManyCollaboratorsIsReported() {
        JavaClasses breach = new ClassFileImporter().importClasses(
                io.dispatchgateway.gateway.settings.breach.BeanThatDoesTooMuch.class);
        EvaluationResult result = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .should(haveAtMostCollaborators(MAX_COLLABORATORS)).evaluate(breach);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("takes 9 collaborators"));
    }

    @ArchTest
    static final ArchRule adaptersAreIndependent = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("io.dispatchgateway.adapters.(*)..").should().notDependOnEachOther();
}
