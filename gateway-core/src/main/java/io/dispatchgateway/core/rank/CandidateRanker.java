package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks technicians for a job: every hard constraint is checked for every technician (so an excluded one
 * gets all its reasons, not just the first), travel times are fetched for the survivors in one matrix
 * call, and each survivor is scored as the sum of {@code normalized * weight} over the objectives. Ties
 * are broken by shorter travel, then by technician id, so a ranking is reproducible.
 */
public final class CandidateRanker {

    private final List<HardConstraint> constraints;
    private final List<Objective> objectives;
    private final TravelTimeMatrix travelTimes;

    public CandidateRanker(List<HardConstraint> constraints, List<Objective> objectives,
            TravelTimeMatrix travelTimes) {
        this.constraints = List.copyOf(constraints);
        this.objectives = List.copyOf(objectives);
        this.travelTimes = travelTimes;
    }

    public Recommendation rank(RankingRequest request, RankingPolicy policy) {
        List<Technician> eligible = new ArrayList<>();
        List<ExcludedTechnician> excluded = new ArrayList<>();
        for (Technician technician : request.technicians()) {
            List<ExclusionReason> reasons = new ArrayList<>();
            for (HardConstraint constraint : constraints) {
                constraint.violation(technician, request)
                        .ifPresent(detail -> reasons.add(new ExclusionReason(constraint.name(), detail)));
            }
            if (reasons.isEmpty()) {
                eligible.add(technician);
            } else {
                excluded.add(new ExcludedTechnician(technician.id(), reasons));
            }
        }
        excluded.sort(Comparator.comparing(ExcludedTechnician::technicianId));

        List<TravelTimeMatrix.TravelTime> travel = eligible.isEmpty() ? List.of()
                : travelTimes.travelTimes(eligible.stream().map(Technician::currentPosition).toList(),
                        request.job().location().point(), request.at());

        List<Scored> scored = new ArrayList<>(eligible.size());
        for (int i = 0; i < eligible.size(); i++) {
            Technician technician = eligible.get(i);
            Candidate candidate = new Candidate(technician, travel.get(i), request.activeJobsOf(technician.id()),
                    request);
            scored.add(score(candidate, policy));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparingDouble(s -> s.candidate().travel().minutes())
                .thenComparing(s -> s.candidate().technician().id()));

        List<RankedOption> options = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            TravelTimeMatrix.TravelTime t = s.candidate().travel();
            options.add(new RankedOption(s.candidate().technician().id(), i + 1, round(s.score()),
                    round(t.minutes()), t.estimated(), s.components()));
        }
        return new Recommendation(policy.name(), options, excluded, request.at());
    }

    private Scored score(Candidate candidate, RankingPolicy policy) {
        List<ScoreComponent> components = new ArrayList<>(objectives.size());
        double total = 0;
        for (Objective objective : objectives) {
            double raw = objective.raw(candidate);
            double normalized = objective.normalize(raw);
            double weight = policy.weight(objective.name());
            double contribution = normalized * weight;
            total += contribution;
            components.add(new ScoreComponent(objective.name(), round(raw), round(normalized), weight,
                    round(contribution)));
        }
        return new Scored(candidate, total, components);
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    private record Scored(Candidate candidate, double score, List<ScoreComponent> components) {}
}
