package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.intake.FieldProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A named set of objective weights ({@code customer-first}, {@code minimize-travel}, {@code emergency}) and
 * the skill preference. An objective without a weight counts zero but is still shown.
 */
public record RankingPolicy(String name, String description, Map<String, Double> weights,
        SkillPreference skillPreference) {

    /** Whether skill fit favours the most qualified technician or the least qualified one who is enough. */
    public enum SkillPreference { MOST_QUALIFIED, LEAST_QUALIFIED }

    public RankingPolicy {
        weights = Map.copyOf(weights);
        skillPreference = skillPreference == null ? SkillPreference.MOST_QUALIFIED : skillPreference;
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            if (weight.getValue() == null || weight.getValue() < 0) {
                throw new IllegalArgumentException("policy " + name + ": weight of " + weight.getKey()
                        + " must be zero or more");
            }
        }
    }

    public double weight(String objective) {
        return weights.getOrDefault(objective, 0.0);
    }

    /**
     * What is wrong with weights a person gives (a what-if replay, a simulated policy), field by field: an
     * unknown objective, a weight below zero or none.
     *
     * @param objectives the objectives the ranker knows
     */
    public static List<FieldProblem> problems(Map<String, Double> weights, Collection<String> objectives) {
        List<FieldProblem> problems = new ArrayList<>();
        weights.keySet().stream().filter(k -> !objectives.contains(k)).forEach(k -> problems.add(
                new FieldProblem("weights." + k, "is not an objective; known: " + objectives)));
        weights.entrySet().stream().filter(w -> w.getValue() == null || w.getValue() < 0).forEach(w -> problems.add(
                new FieldProblem("weights." + w.getKey(), "must be zero or more")));
        return problems;
    }

    /** The same policy with some weights replaced, for a what-if replay. */
    public RankingPolicy withWeights(Map<String, Double> overrides) {
        Map<String, Double> merged = new java.util.HashMap<>(weights);
        merged.putAll(overrides);
        return new RankingPolicy(name + "+what-if", description, merged, skillPreference);
    }
}
