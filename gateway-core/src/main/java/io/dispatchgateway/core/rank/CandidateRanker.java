package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.Placement;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.plan.PlanTimeline;
import io.dispatchgateway.core.plan.TechnicianPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ranks technicians for a job from a {@link RankingInput} snapshot by inserting the job into each technician's
 * plan. A technician's option is the best position in their plan (after the jobs already in the field) that
 * passes every hard constraint, the job's own and the knock-on on the jobs after it; its score is the sum of
 * {@code normalized × weight} over the objectives at that position. A technician with no such position is
 * excluded with every reason of the position that breaks the fewest rules. Ties are broken by shorter
 * driving, then by technician id, so the same snapshot and policy always give the same ranking.
 */
public final class CandidateRanker {

    private final List<HardConstraint> constraints;
    private final List<Objective> objectives;
    private final RankingSettings settings;
    private final PlanTimeline timeline;

    public CandidateRanker(List<HardConstraint> constraints, List<Objective> objectives, RankingSettings settings,
            LegTimes legs) {
        this.constraints = List.copyOf(constraints);
        this.objectives = List.copyOf(objectives);
        this.settings = settings;
        this.timeline = new PlanTimeline(settings.planSettings(), legs);
    }

    /** The gateway's standard constraints and objectives, with plan legs from {@code legs}. */
    public static CandidateRanker standard(RankingSettings settings, LegTimes legs) {
        return new CandidateRanker(HardConstraints.all(), Objectives.all(), settings, legs);
    }

    /** The same, with straight-line legs (road = 1.3 × the straight line) at {@code pickup-speed-kmh}. */
    public static CandidateRanker standard(RankingSettings settings) {
        return standard(settings, LegTimes.straightLine(1.3, settings.pickupSpeedKmh()));
    }

    /** How plans are laid out for this ranker. */
    public PlanTimeline timeline() {
        return timeline;
    }

    public Recommendation rank(RankingInput input, RankingPolicy policy) {
        RankingContext context = new RankingContext(input, settings, timeline);
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
            Candidate best = best(technician, context, weights, policy, excluded);
            if (best != null) {
                eligible[count] = best;
                scores[count] = score(best, weights, policy);
                count++;
            }
        }
        if (!byId(excluded)) {
            excluded.sort(Comparator.comparing(ExcludedTechnician::technicianId));
        }

        int listed = Math.min(count, settings.maxOptions());
        int[] order = best(listed, count, scores, eligible);
        List<RankedOption> options = new ArrayList<>(listed);
        for (int rank = 0; rank < listed; rank++) {
            Candidate candidate = eligible[order[rank]];
            options.add(new RankedOption(candidate.technician().id(), rank + 1, round(scores[order[rank]]),
                    candidate.eta(), round(candidate.breachProbability()), round(candidate.drivingMinutes()),
                    candidate.travel().estimated(), components(candidate, policy, weights), placement(candidate)));
        }
        return new Recommendation(policy.name(), options, count, excluded, input.at());
    }

    /**
     * The technician's best feasible position, or null after adding them to {@code excluded}. Rules that do not
     * depend on the position are checked first, on the technician alone: one who fails them is excluded for those
     * reasons without laying their plan out; only a technician who passes them is tried at every position.
     */
    private Candidate best(Technician technician, RankingContext context, double[] weights, RankingPolicy policy,
            List<ExcludedTechnician> excluded) {
        TechnicianState state = context.input.stateOf(technician.id());
        List<ExclusionReason> fixed = violations(Candidate.unplaced(technician, state, context.input, settings), false);
        if (fixed != null) {
            excluded.add(new ExcludedTechnician(technician.id(), fixed));
            return null;
        }
        TechnicianPlan before = timeline.compute(technician, state.plan(), context.input.at(), context.input.depots());
        int last = state.plan().size();
        Candidate atEnd = Candidate.evaluate(technician, state, before, last, context);
        Candidate best = null;
        double bestScore = 0;
        Candidate leastBad = null;
        List<ExclusionReason> leastBadReasons = null;
        for (int position = last; position >= state.pinned(); position--) {
            Candidate candidate = position == last ? atEnd
                    : Candidate.evaluate(technician, state, before, position, context);
            List<ExclusionReason> reasons = violations(candidate, true);
            if (reasons == null) {
                double score = score(candidate, weights, policy);
                if (best == null || score > bestScore + 1e-12
                        || (Math.abs(score - bestScore) <= 1e-12 && candidate.drivingMinutes() < best.drivingMinutes())) {
                    best = candidate;
                    bestScore = score;
                }
            } else if (best == null && (leastBadReasons == null || reasons.size() < leastBadReasons.size())) {
                leastBad = candidate;
                leastBadReasons = reasons;
            }
        }
        if (best == null) {
            excluded.add(new ExcludedTechnician(leastBad.technician().id(), leastBadReasons));
        }
        return best;
    }

    /** @return the violated rules among the positional (or the fixed) ones, in catalogue order; null when none */
    private List<ExclusionReason> violations(Candidate candidate, boolean positional) {
        List<ExclusionReason> reasons = null;
        for (HardConstraint constraint : constraints) {
            if (constraint.positional() != positional) {
                continue;
            }
            Optional<String> violation = constraint.violation(candidate);
            if (violation.isPresent()) {
                if (reasons == null) {
                    reasons = new ArrayList<>(2);
                }
                reasons.add(new ExclusionReason(constraint.name(), violation.get()));
            }
        }
        return reasons;
    }

    private double score(Candidate candidate, double[] weights, RankingPolicy policy) {
        double score = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) {
                Objective objective = objectives.get(i);
                score += weights[i] * objective.normalize(objective.raw(candidate), candidate, policy);
            }
        }
        return score;
    }

    private Placement placement(Candidate candidate) {
        int of = candidate.after().visits().size();
        List<Placement.Delay> delays = candidate.knockOn().stream()
                .map(k -> new Placement.Delay(k.jobId(), round(k.delayMinutes()), k.problem())).toList();
        StringBuilder summary = new StringBuilder(Placement.ordinal(candidate.position() + 1) + " of " + of);
        if (candidate.beforeJobId() != null) {
            summary.append(", before ").append(candidate.beforeJobId());
        } else if (candidate.afterJobId() != null) {
            summary.append(", after ").append(candidate.afterJobId());
        }
        if (candidate.visit().planned()) {
            summary.append(", starts ").append(HardConstraints.local(candidate.visit().start(), settings));
        }
        for (Candidate.KnockOn knockOn : candidate.knockOn()) {
            summary.append("; ").append(knockOn.jobId()).append(" moves ").append(Math.round(knockOn.delayMinutes()))
                    .append(" min later");
            io.dispatchgateway.core.plan.PlannedVisit moved = candidate.after().find(knockOn.jobId()).orElse(null);
            if (moved != null && moved.visit().window() != null) {
                summary.append(", still inside its window");
            } else if (moved != null && moved.onTime()) {
                summary.append(", still on time");
            }
        }
        return new Placement(candidate.position() + 1, of, candidate.afterJobId(), candidate.beforeJobId(),
                candidate.visit().day(), candidate.visit().start(), candidate.visit().finish(), delays,
                summary.toString());
    }

    /** Whether the list is in technician id order already (the roster usually is), so it needs no sort. */
    private static boolean byId(List<ExcludedTechnician> excluded) {
        for (int i = 1; i < excluded.size(); i++) {
            if (excluded.get(i - 1).technicianId().compareTo(excluded.get(i).technicianId()) > 0) {
                return false;
            }
        }
        return true;
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

    /**
     * A job where a plan laid out as a whole has it (the plan optimizer's), judged by this ranking's own rules
     * and objectives.
     *
     * @param breaks the position-dependent hard rules it breaks there (the fixed ones: {@link #qualification})
     * @param score its weighted score under its policy, as an option with that place would score
     */
    public record Judgement(List<ExclusionReason> breaks, double score) {

        public boolean allowed() {
            return breaks.isEmpty();
        }
    }

    /** The hard rules that do not depend on the place (skills, territory, exclusions...) the technician breaks. */
    public List<ExclusionReason> qualification(Technician technician, RankingInput input) {
        List<ExclusionReason> fixed = violations(Candidate.unplaced(technician, input.stateOf(technician.id()), input,
                settings), false);
        return fixed == null ? List.of() : fixed;
    }

    /**
     * What of {@code input} a replay of {@code recommendation} needs, to be stored with the decision: the input
     * without the technicians it excluded for rules that do not depend on the place (their records, plans and
     * drives decided nothing; the recommendation keeps their reasons). Most of a large workforce lacks the skill
     * or works elsewhere, so this keeps a snapshot about as large as the candidates it judged.
     */
    public RankingInput replayable(RankingInput input, Recommendation recommendation) {
        Set<String> fixedRules = new HashSet<>();
        constraints.stream().filter(c -> !c.positional()).forEach(c -> fixedRules.add(c.name()));
        Set<String> unqualified = new HashSet<>();
        for (ExcludedTechnician excluded : recommendation.excluded()) {
            if (excluded.reasons().stream().allMatch(r -> fixedRules.contains(r.rule()))) {
                unqualified.add(excluded.technicianId());
            }
        }
        if (unqualified.isEmpty()) {
            return input;
        }
        List<Technician> judged = input.technicians().stream().filter(t -> !unqualified.contains(t.id())).toList();
        Map<String, TechnicianState> states = new HashMap<>(input.states());
        states.keySet().removeAll(unqualified);
        Map<String, io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime> travel = new HashMap<>(input.travel());
        travel.keySet().removeAll(unqualified);
        return new RankingInput(input.job(), input.classification(), input.customer(), input.at(), judged, states,
                travel, input.depots());
    }

    /**
     * A ranking of {@code snapshot} (a {@link #replayable} one) with the exclusions of the technicians left out of
     * it taken from {@code recorded}, where they were decided: the whole recommendation, as the stored one lists it.
     */
    public Recommendation replay(RankingInput snapshot, RankingPolicy policy, Recommendation recorded) {
        Recommendation ranked = rank(snapshot, policy);
        Set<String> judged = new HashSet<>();
        snapshot.technicians().forEach(t -> judged.add(t.id()));
        List<ExcludedTechnician> excluded = new ArrayList<>(ranked.excluded());
        recorded.excluded().stream().filter(e -> !judged.contains(e.technicianId())).forEach(excluded::add);
        excluded.sort(Comparator.comparing(ExcludedTechnician::technicianId));
        return new Recommendation(ranked.policy(), ranked.options(), ranked.eligible(), excluded, ranked.computedAt());
    }

    /** The policy's weights in objective order, for {@link #judge}. */
    public double[] weights(RankingPolicy policy) {
        double[] weights = new double[objectives.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = policy.weight(objectives.get(i).name());
        }
        return weights;
    }

    /**
     * Judges the job of {@code input} at {@code index} of {@code plan}, the technician's plan laid out with it.
     *
     * @param state the technician's record for the job's category (first-time fixes)
     */
    public Judgement judge(Technician technician, TechnicianState state, TechnicianPlan plan, int index,
            RankingInput input, RankingPolicy policy, double[] weights) {
        Candidate candidate = Candidate.placed(technician, state, plan, index, input, settings);
        List<ExclusionReason> breaks = violations(candidate, true);
        return new Judgement(breaks == null ? List.of() : breaks, score(candidate, weights, policy));
    }

    /** The score components of the job at {@code index} of {@code plan}, as an option's explanation lists them. */
    public List<ScoreComponent> explain(Technician technician, TechnicianState state, TechnicianPlan plan, int index,
            RankingInput input, RankingPolicy policy) {
        Candidate candidate = Candidate.placed(technician, state, plan, index, input, settings);
        return components(candidate, policy, weights(policy));
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
