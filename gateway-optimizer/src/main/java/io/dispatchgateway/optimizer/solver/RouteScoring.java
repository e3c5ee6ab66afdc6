package io.dispatchgateway.optimizer.solver;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.plan.PlanTimeline;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.rank.CandidateRanker;
import java.time.Instant;
import java.util.List;

/**
 * How one technician's route scores: laid out by the ranking's plan timeline, each open job judged where it is by
 * the ranking's own rules and objectives. Hard: a rule broken (a fixed one: the technician does not qualify, or
 * one that depends on the place). Soft: the sum of the jobs' weighted scores, in millionths.
 */
public final class RouteScoring {

    /** Soft scores are kept as whole millionths of a ranking score point. */
    static final double SOFT_SCALE = 1_000_000.0;

    private final CandidateRanker ranker;
    private final PlanTimeline timeline;
    private final Instant at;
    private final List<Depot> depots;

    /** @param timeline the ranking's plan timeline, or one with other leg times (measured ones) */
    public RouteScoring(CandidateRanker ranker, PlanTimeline timeline, Instant at, List<Depot> depots) {
        this.ranker = ranker;
        this.timeline = timeline;
        this.at = at;
        this.depots = List.copyOf(depots);
    }

    public TechnicianPlan layOut(TechnicianRoute route) {
        return timeline.compute(route.technician(), route.visits(), at, depots);
    }

    /** @return {hard rules broken (negative), soft millionths} */
    long[] score(TechnicianRoute route) {
        if (route.stops().isEmpty()) {
            return new long[] {0, 0};
        }
        TechnicianPlan plan = layOut(route);
        long hard = 0;
        double soft = 0;
        int offset = route.kept().size();
        String technicianId = route.id();
        List<JobStop> stops = route.stops();
        for (int i = 0; i < stops.size(); i++) {
            JobStop stop = stops.get(i);
            if (!stop.qualifies(technicianId)) {
                hard--;
                continue;
            }
            CandidateRanker.Judgement judgement = judge(route, plan, offset + i, stop);
            hard -= judgement.breaks().size();
            soft += judgement.score();
        }
        return new long[] {hard, Math.round(soft * SOFT_SCALE)};
    }

    public CandidateRanker.Judgement judge(TechnicianRoute route, TechnicianPlan plan, int index, JobStop stop) {
        return ranker.judge(route.technician(), stop.job().input().stateOf(route.id()), plan, index,
                stop.job().input(), stop.job().policy(), stop.weights());
    }

    public CandidateRanker ranker() {
        return ranker;
    }
}
