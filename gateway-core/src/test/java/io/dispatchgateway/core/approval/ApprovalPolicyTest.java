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
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

    private final ApprovalPolicy policy = new ApprovalPolicy(new BigDecimal("2500"));
    private final Recommendation oneOption = new Recommendation("p",
            List.of(new RankedOption("T-1", 1, 0.9, 10, true, List.of())), List.of(), NOW);

    @Test
    void routineJobIsAssignedAutomatically() {
        GateDecision decision = policy.evaluate(classification("hvac", 1, Priority.NORMAL, false),
                customer(CustomerTier.SILVER, new BigDecimal("500"), Set.of()), oneOption);

        assertThat(decision.approvalRequired()).isFalse();
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void criticalJobWithSafetyImpactWaitsForApprovalWithBothReasons() {
        GateDecision decision = policy.evaluate(classification("gas", 3, Priority.CRITICAL, true),
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()), oneOption);

        assertThat(decision.approvalRequired()).isTrue();
        assertThat(decision.escalation()).isFalse();
        assertThat(decision.reasons()).containsExactly("priority is CRITICAL", "job has a safety impact");
    }

    @Test
    void penaltyAtTheThresholdNeedsApproval() {
        GateDecision decision = policy.evaluate(classification("hvac", 1, Priority.NORMAL, false),
                customer(CustomerTier.PLATINUM, new BigDecimal("2500"), Set.of()), oneOption);

        assertThat(decision.approvalRequired()).isTrue();
        assertThat(decision.reasons()).singleElement().asString().contains("2500 USD");
    }

    @Test
    void noEligibleTechnicianIsAnEscalationNeverAnAutoAssign() {
        Recommendation none = new Recommendation("p", List.of(),
                List.of(new ExcludedTechnician("T-1", List.of(new ExclusionReason("skill", "lacks skill gas")))),
                NOW);

        GateDecision decision = policy.evaluate(classification("gas", 3, Priority.LOW, false),
                customer(CustomerTier.STANDARD, BigDecimal.ZERO, Set.of()), none);

        assertThat(decision.approvalRequired()).isTrue();
        assertThat(decision.escalation()).isTrue();
        assertThat(decision.reasons()).singleElement().asString().contains("no technician");
    }
}
