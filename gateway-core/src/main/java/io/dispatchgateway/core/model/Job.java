package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A unit of field work as accepted at intake. {@code source} and {@code externalId} identify it in the
 * system it came from; the pair is unique, which makes intake idempotent. {@code tenant} is the service
 * organisation the job belongs to (policies can be chosen per tenant); {@code territory} the service zone, when
 * the source knows it.
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
        Instant receivedAt) {

    public Job {
        requiredParts = requiredParts == null ? List.of() : List.copyOf(requiredParts);
    }
}
