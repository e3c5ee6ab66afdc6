package io.dispatchgateway.mappings.view;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ArrivalWindow;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AuditEntry;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.plan.PlannedVisit;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one job and the decisions made on it, as {@code GET /api/v1/jobs/{id}} returns it.
 * Sections not reached yet are null; {@code plan} is the job's place in a technician's plan while one holds it;
 * {@code audit} lists every step with its actor.
 */
public record JobView(
        String id,
        String tenant,
        String source,
        String externalId,
        String customerId,
        JobStatus status,
        Instant receivedAt,
        String summary,
        String description,
        Location location,
        Priority reportedPriority,
        List<String> requiredParts,
        ArrivalWindow arrivalWindow,
        Instant notBefore,
        Classification classification,
        Recommendation recommendation,
        Approval approval,
        Assignment assignment,
        DispatchPack pack,
        PlanPlace plan,
        List<AuditEntry> audit) {

    /**
     * Where the job stands in a technician's plan now: 1-based {@code position} of {@code of}, and its times
     * (departure, drive, arrival, start, finish; state PROPOSED while its approval waits).
     */
    public record PlanPlace(String technicianId, int position, int of, PlannedVisit visit) {}
}
