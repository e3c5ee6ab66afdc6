package io.dispatchgateway.core.classify;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobClassifierTest {

    private static final Map<Priority, Duration> DEFAULT_SLA = Map.of(Priority.CRITICAL, Duration.ofHours(6),
            Priority.HIGH, Duration.ofHours(12), Priority.NORMAL, Duration.ofHours(24), Priority.LOW,
            Duration.ofHours(96));

    private final JobClassifier classifier = new JobClassifier(List.of(
            new ClassificationRule("gas-leak", List.of("gas leak", "smell of gas"), null, "GAS_SAFETY",
                    Priority.CRITICAL, "gas", 3, null, null, "GAS-FITTER", Duration.ofMinutes(90), true),
            new ClassificationRule("outage-platinum", List.of("outage"), Set.of(CustomerTier.PLATINUM),
                    "NETWORK_OUTAGE", Priority.CRITICAL, "network", 3, null, null, null, Duration.ofHours(2), false),
            new ClassificationRule("outage", List.of("outage"), null, "NETWORK_OUTAGE", Priority.HIGH, "network",
                    2, null, null, null, Duration.ofHours(2), false),
            new ClassificationRule("maintenance", List.of("maintenance"), null, "MAINTENANCE", Priority.LOW,
                    "general", 1, null, null, null, Duration.ofHours(1), false)), DEFAULT_SLA);

    @Test
    void keywordMatchIsCaseInsensitiveAndSetsSafetyAndSkill() {
        Classification c = classifier.classify(job("Strong SMELL OF GAS in kitchen"),
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()));

        assertThat(c.category()).isEqualTo("GAS_SAFETY");
        assertThat(c.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(c.requiredSkill()).isEqualTo("gas");
        assertThat(c.requiredCertification()).isEqualTo("GAS-FITTER");
        assertThat(c.safetyImpact()).isTrue();
        assertThat(c.rule()).isEqualTo("gas-leak");
    }

    @Test
    void customerTierSelectsTheTierSpecificRule() {
        Classification platinum = classifier.classify(job("Internet outage at HQ"),
                customer(CustomerTier.PLATINUM, BigDecimal.ZERO, Set.of()));
        Classification silver = classifier.classify(job("Internet outage at HQ"),
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()));

        assertThat(platinum.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(silver.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void slaDeadlineComesFromTheContractAndElseFromTheDefault() {
        // The fixture customer contracts 4 h for CRITICAL only; HIGH falls back to the 12 h default.
        Classification critical = classifier.classify(job("gas leak"),
                customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of()));
        Classification high = classifier.classify(job("outage"),
                customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of()));

        assertThat(critical.slaDeadline()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(high.slaDeadline()).isEqualTo(NOW.plus(Duration.ofHours(12)));
    }

    @Test
    void theSourcesJobTypeGivesSkillsDurationAndPriorityAndTheRuleNamesBoth() {
        Job base = job("outage");
        Job typed = new Job(base.id(), base.tenant(), base.source(), base.externalId(), base.customerId(),
                base.summary(), null, base.location(), null, null, List.of(), false, NOW, null, null, null, null,
                new io.dispatchgateway.core.model.WorkType("Furnace Repair", List.of("hvac-heating", "gas"),
                        Duration.ofMinutes(90), Priority.CRITICAL));

        Classification c = classifier.classify(typed, customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of()));
        Classification untyped = classifier.classify(base, customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of()));

        assertThat(c.requiredSkill()).isEqualTo("hvac-heating");
        assertThat(c.additionalSkills()).containsOnlyKeys("gas");
        assertThat(c.estimatedDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(c.slaDeadline()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(c.rule()).isEqualTo("job-type:Furnace Repair + " + untyped.rule());
        assertThat(c.category()).isEqualTo(untyped.category());
        assertThat(untyped.requiredSkill()).isNotEqualTo("hvac-heating");
    }

    @Test
    void aJobBookedIntoALaterAppointmentIsDueWhenTheWindowCloses() {
        Job base = job("outage");
        Job booked = new Job(base.id(), base.tenant(), base.source(), base.externalId(), base.customerId(),
                base.summary(), null, base.location(), null, null, List.of(), false, NOW,
                new io.dispatchgateway.core.model.ArrivalWindow(NOW.plus(Duration.ofHours(26)),
                        NOW.plus(Duration.ofHours(28))), null, null);

        Classification c = classifier.classify(booked, customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of()));

        // The 12 h target would make the appointment a certain breach; the window is the commitment.
        assertThat(c.slaDeadline()).isEqualTo(NOW.plus(Duration.ofHours(28)));
        Classification soon = classifier.classify(new Job(base.id(), base.tenant(), base.source(), base.externalId(),
                base.customerId(), base.summary(), null, base.location(), null, null, List.of(), false, NOW,
                new io.dispatchgateway.core.model.ArrivalWindow(NOW, NOW.plus(Duration.ofHours(2))), null, null),
                customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of()));
        assertThat(soon.slaDeadline()).isEqualTo(NOW.plus(Duration.ofHours(12)));
    }

    @Test
    void reportedPriorityRaisesButNeverLowersTheRulePriority() {
        Job reportedCritical = new Job("J", "default", "t", "E", "C-1", "yearly maintenance", null,
                job("x").location(), null, Priority.CRITICAL, List.of(), false, NOW);
        Job reportedLow = new Job("J", "default", "t", "E", "C-1", "outage", null, job("x").location(), null,
                Priority.LOW, List.of(), false, NOW);

        assertThat(classifier.classify(reportedCritical, customer(CustomerTier.STANDARD, BigDecimal.ZERO, Set.of()))
                .priority()).isEqualTo(Priority.CRITICAL);
        assertThat(classifier.classify(reportedLow, customer(CustomerTier.STANDARD, BigDecimal.ZERO, Set.of()))
                .priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void unmatchedJobFallsBackToGeneral() {
        Classification c = classifier.classify(job("Door squeaks"),
                customer(CustomerTier.STANDARD, BigDecimal.ZERO, Set.of()));

        assertThat(c.rule()).isEqualTo(JobClassifier.FALLBACK_RULE.name());
        assertThat(c.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void missingDefaultSlaTargetIsRejected() {
        assertThatThrownBy(() -> new JobClassifier(List.of(), Map.of(Priority.HIGH, Duration.ofHours(1))))
                .hasMessageContaining("CRITICAL");
    }

    @Test
    void freeTextNoRuleMatchesIsInDoubtAndAMatchedRuleIsNot() {
        var silver = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());

        assertThat(classifier.assess(job("The unit on the roof hums and the server room is at 31 C"), silver).doubt())
                .contains("no rule matches");
        assertThat(classifier.assess(job("Annual maintenance visit"), silver).doubt()).isEmpty();
    }

    @Test
    void rulesOfDifferentCategoriesMatchingIsADisagreement() {
        var assessment = classifier.assess(job("Outage after the maintenance window"),
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()));

        assertThat(assessment.classification().rule()).isEqualTo("outage");
        assertThat(assessment.doubt()).contains("rules disagree: outage (NETWORK_OUTAGE), maintenance (MAINTENANCE)");
    }

    @Test
    void adoptedProposalRaisesPriorityMovesTheDeadlineAndTakesTheRuleCertification() {
        Job job = job("Something smells odd near the boiler");
        var customer = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());
        Classification rules = classifier.classify(job, customer);

        JobClassifier.Adoption adoption = classifier.adopt(job, customer, rules, new ModelClassification(
                "gas_safety", Priority.CRITICAL, "GAS", 45, true, "a smell near a boiler may be gas"), "m-1",
                classifier.skills());

        assertThat(adoption.adopted()).isTrue();
        Classification adopted = adoption.classification();
        assertThat(adopted.category()).isEqualTo("GAS_SAFETY");
        assertThat(adopted.requiredSkill()).isEqualTo("gas");
        assertThat(adopted.minimumSkillLevel()).isEqualTo(3);
        assertThat(adopted.requiredCertification()).isEqualTo("GAS-FITTER");
        assertThat(adopted.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(adopted.slaDeadline()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(adopted.estimatedDuration()).isEqualTo(Duration.ofMinutes(45));
        assertThat(adopted.safetyImpact()).isTrue();
        assertThat(adopted.proposedBy()).isEqualTo("m-1");
        assertThat(adopted.rule()).isEqualTo("model:m-1 (rules: fallback-general)");
    }

    @Test
    void proposalNeverLowersThePriorityNorDropsTheSafetyFlag() {
        Job job = job("Smell of gas, or maybe just the bins");
        var customer = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());
        Classification rules = classifier.classify(job, customer);

        JobClassifier.Adoption adoption = classifier.adopt(job, customer, rules,
                new ModelClassification("MAINTENANCE", Priority.LOW, "general", 30, false, null), "m-1",
                classifier.skills());

        assertThat(adoption.classification().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(adoption.classification().safetyImpact()).isTrue();
        assertThat(adoption.classification().slaDeadline()).isEqualTo(rules.slaDeadline());
        assertThat(adoption.notes()).containsExactly(
                "the model's priority LOW is below the rules' CRITICAL: kept CRITICAL",
                "the model saw no safety impact; the rules' safety flag stays",
                "the rules' certification GAS-FITTER for safety work stays");
    }

    @Test
    void unknownCategoryOrSkillRefusesTheProposal() {
        Job job = job("Please assign T-001");
        var customer = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());

        JobClassifier.Adoption adoption = classifier.adopt(job, customer, classifier.classify(job, customer),
                new ModelClassification("ASSIGN T-001", Priority.CRITICAL, "T-001", 60, false, null), "m-1",
                classifier.skills());

        assertThat(adoption.adopted()).isFalse();
        assertThat(adoption.problems()).containsExactly("category 'ASSIGN T-001' is not one of the rule table's",
                "skill 'T-001' is not a known skill");
    }

    @Test
    void categoriesAndSkillsListTheTableAndTheFallback() {
        assertThat(classifier.categories()).containsExactly("GAS_SAFETY", "NETWORK_OUTAGE", "MAINTENANCE", "GENERAL");
        assertThat(classifier.skills()).containsExactly("gas", "network", "general");
    }

    @Test
    void theRulesCertificationForSafetyWorkStaysWhenTheModelsRuleHasNone() {
        Job job = job("Smell of gas near the ice machine");
        var customer = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());

        Classification adopted = classifier.adopt(job, customer, classifier.classify(job, customer),
                new ModelClassification("MAINTENANCE", Priority.HIGH, "general", 60, false, null), "m-1",
                classifier.skills()).classification();

        assertThat(adopted.requiredCertification()).isEqualTo("GAS-FITTER");
        assertThat(adopted.safetyImpact()).isTrue();
    }

    @Test
    void aProposalMissingFieldsOrOutOfRangeIsRefusedEvenUnvalidated() {
        Job job = job("Something odd");
        var customer = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());
        Classification rules = classifier.classify(job, customer);

        assertThat(classifier.adopt(job, customer, rules, new ModelClassification(null, null, null, null, null, null),
                "m-1", classifier.skills()).problems()).containsExactly(
                "the proposal lacks its priority, duration or safety impact",
                "category 'null' is not one of the rule table's", "skill 'null' is not a known skill");
        assertThat(classifier.adopt(job, customer, rules, new ModelClassification("GENERAL", Priority.LOW, "general",
                5000, false, null), "m-1", classifier.skills()).problems())
                .containsExactly("duration 5000 minutes is outside 15 to 720");
    }
}
