package io.dispatchgateway.core.model;

import java.util.List;

/** A technician who passed every hard constraint, with the score and why it is what it is. */
public record RankedOption(
        String technicianId,
        int rank,
        double score,
        double travelMinutes,
        boolean travelEstimated,
        List<ScoreComponent> components) {

    public RankedOption {
        components = List.copyOf(components);
    }
}
