package io.dispatchgateway.core.approval;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.ScoreComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a recommendation may be assigned automatically. A dispatcher must approve when the job is
 * critical (CRITICAL priority, or a customer tier listed as critical), has a safety impact, was classified by a
 * language model, its expected
 * penalty with the best option is at or over {@code expectedPenaltyThreshold}, or the top two options are
 * within {@code closeCallMargin} of each other. When no technician passes the hard constraints the job is
 * escalated instead of being assigned to anybody.
 */
public final class ApprovalPolicy {

    private final BigDecimal expectedPenaltyThreshold;
    private final Set<CustomerTier> criticalTiers;
    private final double closeCallMargin;

    public ApprovalPolicy(BigDecimal expectedPenaltyThreshold, Set<CustomerTier> criticalTiers,
            double closeCallMargin) {
        this.expectedPenaltyThreshold = expectedPenaltyThreshold;
        this.criticalTiers = Set.copyOf(criticalTiers);
        this.closeCallMargin = closeCallMargin;
    }

    public GateDecision evaluate(Classification classification, Customer customer, Recommendation recommendation) {
        List<String> reasons = new ArrayList<>();
        List<RankedOption> options = recommendation.options();
        if (options.isEmpty()) {
            reasons.add("no technician passes the hard constraints (" + recommendation.excluded().size()
                    + " excluded)");
        }
        if (classification.priority() == Priority.CRITICAL) {
            reasons.add("priority is CRITICAL");
        }
        if (criticalTiers.contains(customer.tier())) {
            reasons.add("customer tier " + customer.tier() + " is critical");
        }
        if (classification.safetyImpact()) {
            reasons.add("job has a safety impact");
        }
        if (classification.proposedBy() != null) {
            reasons.add("classified by the language model " + classification.proposedBy()
                    + ": a dispatcher confirms its category, skill and priority");
        }
        if (!options.isEmpty()) {
            RankedOption best = options.get(0);
            double expected = expectedPenalty(best);
            if (expected > 0 && BigDecimal.valueOf(expected).compareTo(expectedPenaltyThreshold) >= 0) {
                reasons.add(String.format(Locale.ROOT, "expected penalty %.0f %s with %s (breach probability %.0f %%)"
                        + " is at or over the threshold of %s", expected,
                        customer.entitlement().penalty().currency(), best.technicianId(),
                        best.breachProbability() * 100, expectedPenaltyThreshold.toPlainString()));
            }
            if (options.size() > 1 && best.score() - options.get(1).score() < closeCallMargin) {
                RankedOption second = options.get(1);
                reasons.add(String.format(Locale.ROOT, "too close to call: %s (%.4f) and %s (%.4f) are within %s",
                        best.technicianId(), best.score(), second.technicianId(), second.score(),
                        BigDecimal.valueOf(closeCallMargin).toPlainString()));
            }
        }
        if (reasons.isEmpty()) {
            return GateDecision.autoAssign();
        }
        return new GateDecision(true, options.isEmpty(), reasons);
    }

    /** The expected penalty cost recorded in an option's {@code penalty} component, 0 when absent. */
    static double expectedPenalty(RankedOption option) {
        return option.components().stream().filter(c -> c.name().equals("penalty")).findFirst()
                .map(ScoreComponent::raw).orElse(0.0);
    }
}
