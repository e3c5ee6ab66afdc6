package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.model.Technician;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ranks technicians for a job from a {@link RankingInput} snapshot. Every hard constraint is checked for every
 * technician (so an excluded one gets all its reasons, not just the first); each survivor scores the sum of
 * {@code normalized × weight} over the objectives. Ties are broken by shorter driving, then by technician id,
 * so the same snapshot and policy always give the same ranking. The best {@code maxOptions} are listed with
 * their components.
 */
public final class CandidateRanker {

    private final List<HardConstraint> constraints;
    private final List<Objective> objectives;
    private final RankingSettings settings;

    public CandidateRanker(List<HardConstraint> constraints, List<Objective> objectives, RankingSettings settings) {
        this.constraints = List.copyOf(constraints);
        this.objectives = List.copyOf(objectives);
        this.settings = settings;
    }

    /** The gateway's standard constraints and objectives. */
    public static CandidateRanker standard(RankingSettings settings) {
        return new CandidateRanker(HardConstraints.all(), Objectives.all(), settings);
    }

    public Recommendation rank(RankingInput input, RankingPolicy policy) {
        RankingContext context = new RankingContext(input, settings);
        double[] weights = new double[objectives.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = policy.weight(objectives.get(i).name());
        }
        List<Technician> technicians = input.technicians();
        Candidate[] eligible = new Candidate[technicians.size()];
        double[] scores = new double[technicians.size()];
        int count = 0;
        List<ExcludedTechnician> excluded = new ArrayList<>();
        for (Technician technician : technicians) {
            Candidate candidate = Candidate.evaluate(technician, context);
            List<ExclusionReason> reasons = null;
            for (HardConstraint constraint : constraints) {
                Optional<String> violation = constraint.violation(candidate);
                if (violation.isPresent()) {
                    if (reasons == null) {
                        reasons = new ArrayList<>(2);
                    }
                    reasons.add(new ExclusionReason(constraint.name(), violation.get()));
                }
            }
            if (reasons != null) {
                excluded.add(new ExcludedTechnician(technician.id(), reasons));
                continue;
            }
            double score = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0) {
                    Objective objective = objectives.get(i);
                    score += weights[i] * objective.normalize(objective.raw(candidate), candidate, policy);
                }
            }
            eligible[count] = candidate;
            scores[count] = score;
            count++;
        }
        excluded.sort(Comparator.comparing(ExcludedTechnician::technicianId));

        int listed = Math.min(count, settings.maxOptions());
        int[] order = best(listed, count, scores, eligible);
        List<RankedOption> options = new ArrayList<>(listed);
        for (int rank = 0; rank < listed; rank++) {
            Candidate candidate = eligible[order[rank]];
            options.add(new RankedOption(candidate.technician().id(), rank + 1, round(scores[order[rank]]),
                    candidate.eta(), round(candidate.breachProbability()), round(candidate.drivingMinutes()),
                    candidate.travel().estimated(), components(candidate, policy, weights)));
        }
        return new Recommendation(policy.name(), options, count, excluded, input.at());
    }

    /**
     * The indexes of the {@code k} best candidates, best first: a bounded insertion into a small sorted array,
     * linear in the number of candidates for the small {@code k} a recommendation lists.
     */
    private static int[] best(int k, int count, double[] scores, Candidate[] eligible) {
        int[] top = new int[k];
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (size == k && !before(i, top[k - 1], scores, eligible)) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && before(i, top[at - 1], scores, eligible)) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
        }
        return top;
    }

    /** Higher score first, then shorter driving, then the lower technician id. */
    private static boolean before(int a, int b, double[] scores, Candidate[] eligible) {
        int byScore = Double.compare(scores[b], scores[a]);
        if (byScore != 0) {
            return byScore < 0;
        }
        int byDriving = Double.compare(eligible[a].drivingMinutes(), eligible[b].drivingMinutes());
        if (byDriving != 0) {
            return byDriving < 0;
        }
        return eligible[a].technician().id().compareTo(eligible[b].technician().id()) < 0;
    }

    private List<ScoreComponent> components(Candidate candidate, RankingPolicy policy, double[] weights) {
        List<ScoreComponent> components = new ArrayList<>(objectives.size());
        for (int i = 0; i < objectives.size(); i++) {
            Objective objective = objectives.get(i);
            double raw = objective.raw(candidate);
            double normalized = objective.normalize(raw, candidate, policy);
            components.add(new ScoreComponent(objective.name(), round(raw), round(normalized), weights[i],
                    round(normalized * weights[i])));
        }
        return components;
    }

    public RankingSettings settings() {
        return settings;
    }

    public List<Objective> objectives() {
        return objectives;
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
