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
import io.dispatchgateway.core.rank.SlaRiskEstimator;
import io.dispatchgateway.core.rank.TechnicianState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides where a job goes in a technician's plan and what it is then committed to: the
 * slot of a ranked option, the best slot for a technician a person chose (an override, a reassignment), the
 * plan with the job in it, the committed ETA read from that plan, the fallback technician, and which committed
 * job a late job could take the place of (a bump, decided by a manager).
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
        Recommendation only = ranker.rank(alone(input, technician, state), policy);
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

    /** Where one job stands: its technician, arrival (null when no plan holds it in time) and breach probability. */
    public record Estimate(String technicianId, Instant arrival, double breachProbability) {

        static final Estimate NONE = new Estimate(null, null, 1.0);

        static Estimate of(RankedOption option) {
            return new Estimate(option.technicianId(), option.eta(), option.breachProbability());
        }

        /** In a dispatcher's words, against the job's deadline. */
        public String describe(Instant deadline) {
            if (arrival == null) {
                return technicianId == null ? "no technician in time" : technicianId + ", not planned in time";
            }
            long late = Duration.between(deadline, arrival).toMinutes();
            return technicianId + " arrives " + arrival + (late > 0 ? ", " + late + " min after the deadline"
                    : ", " + -late + " min before the deadline") + ", breach "
                    + Math.round(breachProbability * 100) + " %";
        }
    }

    /**
     * Taking {@code holderJobId} out of {@code technicianId}'s plan and giving the job its best place in the plan
     * without it (next, unless that would make a later job late).
     *
     * @param planAfter the technician's visits after the bump, the job in its place
     */
    public record Bump(String technicianId, String holderJobId, Estimate challengerBefore, Estimate challengerAfter,
            Estimate holderBefore, List<Visit> planAfter) {

        public Bump {
            planAfter = List.copyOf(planAfter);
        }
    }

    /** Rules whose exclusion a bump can lift: the technician has no room for the job, or it would make others late. */
    private static final Set<String> ROOM_RULES = Set.of("shift", "daily-capacity", "knock-on");

    /**
     * The committed jobs that keep the job of {@code input} from being on time, earliest resulting arrival first:
     * for every technician who is eligible, or excluded only for lack of room, each assigned or paused job in
     * their plan without which the ranking finds the job a place that arrives by its deadline (every hard rule
     * holding, the knock-on on later jobs included). Empty when the recommendation is on time already.
     */
    public List<Bump> bumps(RankingInput input, RankingPolicy policy, Recommendation recommendation) {
        Instant deadline = input.classification().slaDeadline();
        Estimate before = recommendation.best().map(Estimate::of).orElse(Estimate.NONE);
        if (before.arrival() != null && !before.arrival().isAfter(deadline)) {
            return List.of();
        }
        String jobId = input.job().id();
        Visit challenger = Visit.proposed(input.job(), input.classification());
        SlaRiskEstimator risk = ranker.settings().slaRisk();
        List<Bump> bumps = new ArrayList<>();
        for (Technician technician : input.technicians()) {
            if (!mayMakeRoom(technician.id(), recommendation)) {
                continue;
            }
            List<Visit> plan = without(input.stateOf(technician.id()).plan(), jobId);
            TechnicianPlan current = null;
            for (Visit holder : plan) {
                if (holder.state() != Visit.State.ASSIGNED && holder.state() != Visit.State.PAUSED) {
                    continue;
                }
                List<Visit> reduced = without(plan, holder.jobId());
                RankingInput alone = alone(input, technician, TechnicianState.planned(reduced));
                Optional<RankedOption> after = ranker.rank(alone, policy).option(technician.id());
                if (after.isEmpty() || after.get().eta() == null || after.get().eta().isAfter(deadline)) {
                    continue;
                }
                if (current == null) {
                    current = plan(technician, plan, input.at(), input.depots());
                }
                PlannedVisit held = current.find(holder.jobId()).orElseThrow();
                Estimate holderBefore = held.planned()
                        ? new Estimate(technician.id(), held.arrival(), risk.breachProbability(held.arrival(),
                                holder.slaDeadline(), held.travelMinutes()))
                        : new Estimate(technician.id(), null, 1.0);
                Slot slot = slotOf(after.get(), TechnicianState.planned(reduced));
                List<Visit> planAfter = new ArrayList<>(reduced);
                planAfter.add(Math.min(slot.position(), reduced.size()), challenger);
                bumps.add(new Bump(technician.id(), holder.jobId(), before, Estimate.of(after.get()), holderBefore,
                        planAfter));
            }
        }
        bumps.sort(Comparator.comparing((Bump b) -> b.challengerAfter().arrival())
                .thenComparing(b -> b.holderBefore().arrival() == null ? Instant.MAX : b.holderBefore().arrival(),
                        Comparator.reverseOrder()));
        return bumps;
    }

    /**
     * Where the bumped job would stand once ranked again on the plans after {@code bump}: its best option on
     * {@code holderInput} (the holder's own ranking snapshot) with the bump applied.
     */
    public Estimate afterBump(Bump bump, RankingInput holderInput, RankingPolicy policy) {
        String holderId = holderInput.job().id();
        Map<String, TechnicianState> states = new HashMap<>();
        holderInput.states().forEach((id, state) -> states.put(id, new TechnicianState(without(state.plan(), holderId),
                state.categoryJobs(), state.categoryFirstTimeFixes())));
        TechnicianState bumping = holderInput.stateOf(bump.technicianId());
        states.put(bump.technicianId(), new TechnicianState(bump.planAfter(), bumping.categoryJobs(),
                bumping.categoryFirstTimeFixes()));
        RankingInput after = new RankingInput(holderInput.job(), holderInput.classification(), holderInput.customer(),
                holderInput.at(), holderInput.technicians(), states, holderInput.travel(), holderInput.depots());
        return ranker.rank(after, policy).best().map(Estimate::of).orElse(Estimate.NONE);
    }

    private static boolean mayMakeRoom(String technicianId, Recommendation recommendation) {
        if (recommendation.option(technicianId).isPresent()) {
            return true;
        }
        return recommendation.excluded().stream().filter(e -> e.technicianId().equals(technicianId)).findFirst()
                .map(e -> !e.reasons().isEmpty() && e.reasons().stream().allMatch(r -> ROOM_RULES.contains(r.rule())))
                .orElse(false);
    }

    private static RankingInput alone(RankingInput input, Technician technician, TechnicianState state) {
        String id = technician.id();
        return new RankingInput(input.job(), input.classification(), input.customer(), input.at(), List.of(technician),
                Map.of(id, state), input.travel().containsKey(id) ? Map.of(id, input.travel().get(id)) : Map.of(),
                input.depots());
    }

    private static List<Visit> without(List<Visit> visits, String jobId) {
        List<Visit> rest = new ArrayList<>(visits.size());
        for (Visit visit : visits) {
            if (!visit.jobId().equals(jobId)) {
                rest.add(visit);
            }
        }
        return rest;
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
