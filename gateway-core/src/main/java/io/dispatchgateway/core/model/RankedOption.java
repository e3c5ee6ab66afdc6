package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A technician who passed every hard constraint: rank, total score, estimated arrival, the probability of
 * arriving after the SLA deadline, the travel time (and whether a provider measured it or it was estimated),
 * the objective components that make up the score, and where the job goes in the technician's plan.
 */
public record RankedOption(
        String technicianId,
        int rank,
        double score,
        Instant eta,
        double breachProbability,
        double travelMinutes,
        boolean travelEstimated,
        List<ScoreComponent> components,
        Placement placement) {

    public RankedOption {
        components = List.copyOf(components);
    }

    /** An option without a plan placement. */
    public RankedOption(String technicianId, int rank, double score, Instant eta, double breachProbability,
            double travelMinutes, boolean travelEstimated, List<ScoreComponent> components) {
        this(technicianId, rank, score, eta, breachProbability, travelMinutes, travelEstimated, components, null);
    }
}
