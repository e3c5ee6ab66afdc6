package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A unit of field work as accepted at intake. {@code source} and {@code externalId} identify it in the
 * system it came from; the pair is unique, which makes intake idempotent.
 */
public record Job(
        String id,
        String source,
        String externalId,
        String customerId,
        String summary,
        String description,
        Location location,
        Priority reportedPriority,
        List<String> requiredParts,
        boolean safetyImpactReported,
        Instant receivedAt) {

    public Job {
        requiredParts = requiredParts == null ? List.of() : List.copyOf(requiredParts);
    }
}
