package io.dispatchgateway.optimizer.solver;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import java.util.List;

/**
 * The solver's working plans: every technician's route over the open jobs. Score levels: hard (rules broken),
 * medium (open jobs left in no plan, by priority), soft (the jobs' weighted objective scores).
 */
@PlanningSolution
public final class RoutePlan {

    @PlanningEntityCollectionProperty
    private List<TechnicianRoute> routes;
    @ProblemFactCollectionProperty
    @ValueRangeProvider
    private List<JobStop> stops;
    @PlanningScore
    private HardMediumSoftLongScore score;
    private RouteScoring scoring;

    RoutePlan() {
    }

    public RoutePlan(List<TechnicianRoute> routes, List<JobStop> stops, RouteScoring scoring) {
        this.routes = routes;
        this.stops = stops;
        this.scoring = scoring;
    }

    public List<TechnicianRoute> routes() {
        return routes;
    }

    public List<JobStop> stops() {
        return stops;
    }

    public HardMediumSoftLongScore score() {
        return score;
    }

    RouteScoring scoring() {
        return scoring;
    }
}
