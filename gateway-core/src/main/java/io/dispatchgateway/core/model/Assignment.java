package io.dispatchgateway.core.model;

import java.time.Instant;

/** The technician a job went to, the fallback if they cannot go, and who or what made it so. */
public record Assignment(
        String jobId,
        String technicianId,
        String fallbackTechnicianId,
        AssignmentMode mode,
        String assignedBy,
        Instant assignedAt) {}
