package io.dispatchgateway.core.model;

import java.time.Instant;

/**
 * The technician a job went to, the fallback if they cannot go, and who or what made it so. After a
 * reassignment, {@code replacedTechnicianId} is the technician taken off the job (systems that were told of
 * the first assignment unassign them).
 */
public record Assignment(
        String jobId,
        String technicianId,
        String fallbackTechnicianId,
        AssignmentMode mode,
        String assignedBy,
        Instant assignedAt,
        String replacedTechnicianId) {

    /** The same job given to another technician by {@code user}. */
    public Assignment reassignedTo(String technician, String fallback, String user, Instant at) {
        return new Assignment(jobId, technician, fallback, AssignmentMode.REASSIGNED, user, at, technicianId);
    }
}
