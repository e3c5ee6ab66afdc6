package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;

/** Everything the assigned technician needs on the phone to do the job right the first time. */
public record DispatchPack(
        String jobId,
        String technicianId,
        String issueSummary,
        String category,
        Priority priority,
        Instant slaDeadline,
        String customerName,
        String customerNotes,
        String siteAddress,
        String navigationUrl,
        List<String> requiredParts,
        List<String> partsMissingFromTruck,
        List<String> escalationRules,
        String fallbackTechnicianId,
        Instant createdAt) {

    public DispatchPack {
        requiredParts = List.copyOf(requiredParts);
        partsMissingFromTruck = List.copyOf(partsMissingFromTruck);
        escalationRules = List.copyOf(escalationRules);
    }
}
