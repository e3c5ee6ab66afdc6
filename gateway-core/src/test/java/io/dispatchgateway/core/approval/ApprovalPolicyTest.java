package io.dispatchgateway.core.approval;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.ScoreComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

    private final ApprovalPolicy policy = new ApprovalPolicy(new BigDecimal("1000"), Set.of(CustomerTier.PLATINUM),
            0.01);

    @Test
    void routineJobIsAssignedAutomatically() {
        GateDecision decision = policy.evaluate(classification("hvac", 1, Priority.NORMAL, false),
                customer(CustomerTier.SILVER, new BigDecimal("500"), Set.of()), options(0.9, 0.8, 0));

        assertThat(decision.approvalRequired()).isFalse();
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void criticalJobWithSafetyImpactWaitsForApprovalWithBothReasons() {
        GateDecision decision = policy.evaluate(classification("gas", 3, Priority.CRITICAL, true),
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()), options(0.9, 0.8, 0));

        assertThat(decision.approvalRequired()).isTrue();
        assertThat(decision.escalation()).isFalse();
        assertThat(decision.reasons()).containsExactly("priority is CRITICAL", "job has a safety impact");
    }

    @Test
    void modelClassifiedJobAlwaysWaitsForADispatcher() {
        var rules = classification("hvac", 1, Priority.NORMAL, false);
        var byModel = new io.dispatchgateway.core.model.Classification(rules.category(), rules.priority(),
                rules.requiredSkill(), 1, null, null, null, rules.estimatedDuration(), rules.slaDeadline(), false,
                "model:m-1 (rules: fallback-general)", "m-1");

        GateDecision decision = policy.evaluate(byModel, customer(CustomerTier.SILVER, new BigDecimal("500"),
                Set.of()), options(0.9, 0.8, 0));

        assertThat(decision.approvalRequired()).isTrue();
        assertThat(decision.reasons()).containsExactly(
                "classified by the language model m-1: a dispatcher confirms its category, skill and priority");
    }

    @Test
    void criticalCustomerTierNeedsApproval() {
        GateDecision decision = policy.evaluate(classification("hvac", 1, Priority.LOW, false),
                customer(CustomerTier.PLATINUM, BigDecimal.ZERO, Set.of()), options(0.9, 0.8, 0));

        assertThat(decision.reasons()).containsExactly("customer tier PLATINUM is critical");
    }

    @Test
    void expectedPenaltyAtTheThresholdNeedsApproval() {
        GateDecision decision = policy.evaluate(classification("hvac", 1, Priority.NORMAL, false),
                customer(CustomerTier.GOLD, new BigDecimal("4000"), Set.of()), options(0.9, 0.8, 1000));

        assertThat(decision.approvalRequired()).isTrue();
        assertThat(decision.reasons()).singleElement().asString()
                .isEqualTo("expected penalty 1000 USD with T-1 (breach probability 25 %) is at or over the"
                        + " threshold of 1000");
    }

    @Test
    void topTwoTooCloseToCallNeedsApproval() {
        GateDecision decision = policy.evaluate(classification("hvac", 1, Priority.NORMAL, false),
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()), options(0.905, 0.9, 0));

        assertThat(decision.reasons()).singleElement().asString()
                .isEqualTo("too close to call: T-1 (0.9050) and T-2 (0.9000) are within 0.01");
    }

    @Test
    void noEligibleTechnicianIsAnEscalationNeverAnAutoAssign() {
        Recommendation none = new Recommendation("p", List.of(), 0,
                List.of(new ExcludedTechnician("T-1", List.of(new ExclusionReason("skill", "lacks skill gas")))),
                NOW);

        GateDecision decision = policy.evaluate(classification("gas", 3, Priority.LOW, false),
                customer(CustomerTier.STANDARD, BigDecimal.ZERO, Set.of()), none);

        assertThat(decision.approvalRequired()).isTrue();
        assertThat(decision.escalation()).isTrue();
        assertThat(decision.reasons()).singleElement().asString().contains("no technician", "1 excluded");
    }

    private static Recommendation options(double first, double second, double expectedPenalty) {
        List<ScoreComponent> components = List.of(new ScoreComponent("penalty", expectedPenalty, 0.9, 0, 0));
        return new Recommendation("p", List.of(new RankedOption("T-1", 1, first, NOW, 0.25, 10, true, components),
                new RankedOption("T-2", 2, second, NOW, 0.3, 12, true, components)), 2, List.of(), NOW);
    }
}
