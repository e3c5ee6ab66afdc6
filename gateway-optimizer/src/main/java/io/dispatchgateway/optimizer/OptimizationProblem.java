package io.dispatchgateway.optimizer;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.Visit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the optimizer re-plans, captured at one instant: the technicians, their plans as they stand (in order),
 * the open jobs it may move (in any plan or in none yet), and the depots. A visit whose job is not in
 * {@code jobs} (in the field, or kept where a person put it) stays with its technician, ahead of the movable ones.
 */
public record OptimizationProblem(Instant at, List<Technician> technicians, Map<String, List<Visit>> plans,
        Map<String, OpenJob> jobs, List<Depot> depots) {

    public OptimizationProblem {
        technicians = List.copyOf(technicians);
        plans = Map.copyOf(plans);
        jobs = Map.copyOf(jobs);
        depots = List.copyOf(depots);
    }
}
