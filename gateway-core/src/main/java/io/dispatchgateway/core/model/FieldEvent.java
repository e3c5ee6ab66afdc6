package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Something that happened to a job in the field, reported by a technician, a dispatcher or a field-service
 * system. Which fields a type needs is checked by {@code FieldEventCheck}.
 *
 * @param at when it happened; the time of the report when absent
 * @param technicianId who reports it; the assigned technician when absent
 * @param newEta DELAYED: when the technician now expects to arrive
 * @param firstTimeFix COMPLETED: whether the job was fixed on this first visit
 * @param parts PART_MISSING: the part numbers that are missing
 * @param location where the technician is, if known (also updates the live location)
 */
public record FieldEvent(
        @NotNull FieldEventType type,
        Instant at,
        @Size(max = 64) String technicianId,
        Instant newEta,
        Boolean firstTimeFix,
        @Size(max = 20) List<@NotNull @Size(min = 1, max = 64) String> parts,
        @Size(max = 1000) String reason,
        @Valid GeoPoint location) {

    public FieldEvent {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }
}
