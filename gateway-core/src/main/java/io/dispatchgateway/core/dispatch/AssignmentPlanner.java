package io.dispatchgateway.core.dispatch;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.TechnicianState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that decides where a job goes in a technician's plan and what it is then committed to: the
 * slot of a ranked option, the best slot for a technician a person chose (an override, a reassignment), the
 * plan with the job in it, the committed ETA read from that plan, and the fallback technician.
 */
public final class AssignmentPlanner {

    private final CandidateRanker ranker;

    public AssignmentPlanner(CandidateRanker ranker) {
        this.ranker = ranker;
    }

    /**
     * Where the job goes: 0-based {@code position} in the technician's plan as it was ({@code planJobIds}); the
     * hard rules the choice breaks when a person chose a technician the ranking excludes.
     */
    public record Slot(String technicianId, int position, List<String> planJobIds, List<ExclusionReason> breaks) {

        public Slot {
            planJobIds = List.copyOf(planJobIds);
            breaks = breaks == null ? List.of() : List.copyOf(breaks);
        }

        /** The plan's job ids with the job in its slot. */
        public List<String> order(String jobId) {
            List<String> order = new ArrayList<>(planJobIds);
            order.remove(jobId);
            order.add(Math.min(position, order.size()), jobId);
            return order;
        }
    }

    /** The job in the field as committed: where in the plan, when the technician arrives, and the plan itself. */
    public record Commitment(String technicianId, PlannedVisit visit, int position, TechnicianPlan plan) {

        public Instant eta() {
            return visit.planned() ? visit.arrival() : null;
        }
    }

    /** The slot of a ranked option, in the plan the ranking saw. */
    public Slot slotOf(RankedOption option, TechnicianState state) {
        int position = option.placement() == null ? state.plan().size() : option.placement().position() - 1;
        return new Slot(option.technicianId(), position, ids(state.plan()), List.of());
    }

    /**
     * The best slot for {@code technicianId} on the snapshot {@code input}: their ranked position when they pass
     * every hard rule, else the end of their plan with the rules that breaks.
     */
    public Slot slotFor(String technicianId, RankingInput input, RankingPolicy policy) {
        Technician technician = input.technicians().stream().filter(t -> t.id().equals(technicianId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no technician " + technicianId + " in the input"));
        TechnicianState state = input.stateOf(technicianId);
        RankingInput alone = new RankingInput(input.job(), input.classification(), input.customer(), input.at(),
                List.of(technician), Map.of(technicianId, state), input.travel().containsKey(technicianId)
                        ? Map.of(technicianId, input.travel().get(technicianId)) : Map.of(), input.depots());
        Recommendation only = ranker.rank(alone, policy);
        Optional<RankedOption> option = only.option(technicianId);
        if (option.isPresent()) {
            return slotOf(option.get(), state);
        }
        List<ExclusionReason> reasons = only.excluded().stream().filter(e -> e.technicianId().equals(technicianId))
                .findFirst().map(ExcludedTechnician::reasons).orElse(List.of());
        return new Slot(technicianId, state.plan().size(), ids(state.plan()), reasons);
    }

    /** The technician's plan laid out from {@code now}. */
    public TechnicianPlan plan(Technician technician, List<Visit> visits, Instant now, List<Depot> depots) {
        return ranker.timeline().compute(technician, visits, now, depots);
    }

    /** What placing {@code job} in {@code slot} of the technician's current {@code visits} commits to. */
    public Commitment commit(Technician technician, List<Visit> visits, Visit job, int position, Instant now,
            List<Depot> depots) {
        List<Visit> with = new ArrayList<>(visits.size() + 1);
        for (Visit visit : visits) {
            if (!visit.jobId().equals(job.jobId())) {
                with.add(visit);
            }
        }
        int pinned = TechnicianState.planned(with).pinned();
        int at = Math.max(pinned, Math.min(position, with.size()));
        with.add(at, job);
        TechnicianPlan plan = plan(technician, with, now, depots);
        return new Commitment(technician.id(), plan.visits().get(at), at, plan);
    }

    /** The technician to fall back on: the best ranked option other than the one chosen. */
    public static String fallback(Recommendation recommendation, String chosenTechnicianId) {
        return recommendation == null ? null : recommendation.fallbackFor(chosenTechnicianId)
                .map(RankedOption::technicianId).orElse(null);
    }

    private static List<String> ids(List<Visit> visits) {
        return visits.stream().map(Visit::jobId).toList();
    }
}
