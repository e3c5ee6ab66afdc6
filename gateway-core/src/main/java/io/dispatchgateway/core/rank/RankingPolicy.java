package io.dispatchgateway.core.rank;

import java.util.Map;

/** A named set of objective weights. An objective without a weight counts zero but is still shown. */
public record RankingPolicy(String name, Map<String, Double> weights) {

    public RankingPolicy {
        weights = Map.copyOf(weights);
    }

    public double weight(String objective) {
        return weights.getOrDefault(objective, 0.0);
    }
}
