package io.dispatchgateway.optimizer.solver;

import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.optimizer.OpenJob;
import java.util.Set;

/** An open job as a value of the technicians' list variables, with what the scoring needs ready. */
public final class JobStop {

    @PlanningId
    private String jobId;
    private OpenJob job;
    private Visit visit;
    private Set<String> qualified;
    private double[] weights;
    private long unplacedWeight;

    JobStop() {
    }

    public JobStop(OpenJob job, Set<String> qualified, double[] weights, long unplacedWeight) {
        this.jobId = job.id();
        this.job = job;
        this.visit = job.visit();
        this.qualified = Set.copyOf(qualified);
        this.weights = weights.clone();
        this.unplacedWeight = unplacedWeight;
    }

    public String jobId() {
        return jobId;
    }

    public OpenJob job() {
        return job;
    }

    public Visit visit() {
        return visit;
    }

    /** Whether the technician passes every hard rule that does not depend on the place. */
    public boolean qualifies(String technicianId) {
        return qualified.contains(technicianId);
    }

    double[] weights() {
        return weights;
    }

    /** What leaving the job in no plan costs, by its priority. */
    long unplacedWeight() {
        return unplacedWeight;
    }

    @Override
    public String toString() {
        return jobId;
    }
}
