package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.plan.Visit;
import java.util.List;

/**
 * What the gateway knows about a technician's work at ranking time: their plan (jobs in the field and
 * proposals waiting for approval, in order) and their first-time-fix record for the job's category.
 *
 * @param plan the technician's committed and reserved visits, in plan order
 * @param categoryJobs completed jobs of the job's category
 * @param categoryFirstTimeFixes of those, how many were fixed on the first visit
 */
public record TechnicianState(List<Visit> plan, int categoryJobs, int categoryFirstTimeFixes) {

    public static final TechnicianState IDLE = new TechnicianState(List.of(), 0, 0);

    public TechnicianState {
        plan = plan == null ? List.of() : List.copyOf(plan);
    }

    /** A state with a plan and no first-time-fix record. */
    public static TechnicianState planned(List<Visit> plan) {
        return new TechnicianState(plan, 0, 0);
    }

    /** Jobs in the plan. */
    public int activeJobs() {
        return plan.size();
    }

    /** How many visits at the head of the plan are in the field (en route, on site) and cannot move. */
    public int pinned() {
        int pinned = 0;
        while (pinned < plan.size() && !plan.get(pinned).state().movable()) {
            pinned++;
        }
        return pinned;
    }
}
