package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A technician who passed every hard constraint: rank, total score, estimated arrival, the probability of
 * arriving after the SLA deadline, the travel time (and whether a provider measured it or it was estimated),
 * and the objective components that make up the score.
 */
public record RankedOption(
        String technicianId,
        int rank,
        double score,
        Instant eta,
        double breachProbability,
        double travelMinutes,
        boolean travelEstimated,
        List<ScoreComponent> components) {

    public RankedOption {
        components = List.copyOf(components);
    }
}
