package io.dispatchgateway.core.approval;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Recommendation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a recommendation may be assigned automatically. A dispatcher must approve when the job
 * is critical, has a safety impact, or a breach would cost at least {@code penaltyThreshold} under the
 * customer's contract; when no technician passes the hard constraints the job is escalated instead of
 * being assigned to anybody.
 */
public final class ApprovalPolicy {

    private final BigDecimal penaltyThreshold;

    public ApprovalPolicy(BigDecimal penaltyThreshold) {
        this.penaltyThreshold = penaltyThreshold;
    }

    public GateDecision evaluate(Classification classification, Customer customer, Recommendation recommendation) {
        List<String> reasons = new ArrayList<>();
        if (recommendation.options().isEmpty()) {
            reasons.add("no technician passes the hard constraints (" + recommendation.excluded().size()
                    + " excluded)");
        }
        if (classification.priority() == Priority.CRITICAL) {
            reasons.add("priority is CRITICAL");
        }
        if (classification.safetyImpact()) {
            reasons.add("job has a safety impact");
        }
        BigDecimal penalty = customer.entitlement().penalty().perBreachOrZero();
        if (penalty.signum() > 0 && penalty.compareTo(penaltyThreshold) >= 0) {
            reasons.add("breach penalty " + penalty.toPlainString() + " " + customer.entitlement().penalty().currency()
                    + " is at or over the approval threshold of " + penaltyThreshold.toPlainString());
        }
        if (reasons.isEmpty()) {
            return GateDecision.autoAssign();
        }
        return new GateDecision(true, recommendation.options().isEmpty(), reasons);
    }
}
