package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A unit of field work as accepted at intake. {@code source} and {@code externalId} identify it in the
 * system it came from; the pair is unique, which makes intake idempotent. {@code tenant} is the service
 * organisation the job belongs to (policies can be chosen per tenant); {@code territory} the service zone, when
 * the source knows it. {@code arrivalWindow} is the appointment promised to the customer, {@code notBefore} the
 * earliest the work may start; {@code partQuantities} says how many of a required part the job uses (1 when
 * not given). {@code committedTechnicianId} is the technician the source system's own dispatcher already assigned
 * (the office's work): the gateway holds it in that technician's plan and reassigns it only when a person says so.
 * {@code workType} is the source's job type (skills, duration, priority), which the classifier prefers.
 */
public record Job(
        String id,
        String tenant,
        String source,
        String externalId,
        String customerId,
        String summary,
        String description,
        Location location,
        String territory,
        Priority reportedPriority,
        List<String> requiredParts,
        boolean safetyImpactReported,
        Instant receivedAt,
        ArrivalWindow arrivalWindow,
        Instant notBefore,
        Map<String, Integer> partQuantities,
        String committedTechnicianId,
        WorkType workType) {

    public Job {
        requiredParts = requiredParts == null ? List.of() : List.copyOf(requiredParts);
        partQuantities = partQuantities == null ? Map.of() : Map.copyOf(partQuantities);
    }

    /** A job nobody has assigned yet. */
    public Job(String id, String tenant, String source, String externalId, String customerId, String summary,
            String description, Location location, String territory, Priority reportedPriority,
            List<String> requiredParts, boolean safetyImpactReported, Instant receivedAt, ArrivalWindow arrivalWindow,
            Instant notBefore, Map<String, Integer> partQuantities) {
        this(id, tenant, source, externalId, customerId, summary, description, location, territory, reportedPriority,
                requiredParts, safetyImpactReported, receivedAt, arrivalWindow, notBefore, partQuantities, null, null);
    }

    /** A job without appointment, start limit or part quantities. */
    public Job(String id, String tenant, String source, String externalId, String customerId, String summary,
            String description, Location location, String territory, Priority reportedPriority,
            List<String> requiredParts, boolean safetyImpactReported, Instant receivedAt) {
        this(id, tenant, source, externalId, customerId, summary, description, location, territory, reportedPriority,
                requiredParts, safetyImpactReported, receivedAt, null, null, null, null, null);
    }

    /** How many of each required part the job uses. */
    public Map<String, Integer> partsNeeded() {
        Map<String, Integer> needed = new java.util.LinkedHashMap<>();
        for (String part : requiredParts) {
            needed.put(part, Math.max(1, partQuantities.getOrDefault(part, 1)));
        }
        return needed;
    }
}
