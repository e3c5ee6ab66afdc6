package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Technician;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a ranking looks at, captured at one instant so the same request always ranks the same way.
 *
 * @param activeJobs technician id to the number of active jobs already assigned to them
 */
public record RankingRequest(Job job, Classification classification, Customer customer,
        List<Technician> technicians, Map<String, Integer> activeJobs, Instant at) {

    public RankingRequest {
        technicians = List.copyOf(technicians);
        activeJobs = Map.copyOf(activeJobs);
    }

    public int activeJobsOf(String technicianId) {
        return activeJobs.getOrDefault(technicianId, 0);
    }
}
