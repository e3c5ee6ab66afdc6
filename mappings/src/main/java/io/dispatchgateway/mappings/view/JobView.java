package io.dispatchgateway.mappings.view;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AuditEntry;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Recommendation;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one job and the decisions made on it, as {@code GET /api/v1/jobs/{id}} returns it.
 * Sections not reached yet are null; {@code audit} lists every step with its actor.
 */
public record JobView(
        String id,
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
        Classification classification,
        Recommendation recommendation,
        Approval approval,
        Assignment assignment,
        DispatchPack pack,
        List<AuditEntry> audit) {}
