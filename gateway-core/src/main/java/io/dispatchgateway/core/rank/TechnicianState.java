package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.GeoPoint;
import java.time.Instant;

/**
 * What the gateway knows about a technician's day at ranking time: active jobs, when and where the current
 * job ends, and their first-time-fix record for the job's category.
 *
 * @param busyUntil when the technician's current work is expected to end, or null when free
 * @param busyAt where that work is, or null when free
 * @param categoryJobs completed jobs of the job's category
 * @param categoryFirstTimeFixes of those, how many were fixed on the first visit
 */
public record TechnicianState(int activeJobs, Instant busyUntil, GeoPoint busyAt, int categoryJobs,
        int categoryFirstTimeFixes) {

    public static final TechnicianState IDLE = new TechnicianState(0, null, null, 0, 0);
}
