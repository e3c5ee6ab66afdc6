package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.Map;

/** Something that happened to a job in the field, reported by a technician or a field-service system. */
public record FieldEvent(String jobId, String technicianId, FieldEventType type, Instant occurredAt,
        Map<String, String> details) {

    public FieldEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
