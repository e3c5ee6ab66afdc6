package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.Set;

/** {@code Jpm.V2.AppointmentResponse}, the fields the gateway uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StAppointment(long id, long jobId, String status, boolean active, OffsetDateTime start,
        OffsetDateTime end, OffsetDateTime arrivalWindowStart, OffsetDateTime arrivalWindowEnd) {

    /** Appointment statuses of a visit still to be made ({@code Jpm.V2.Base.AppointmentStatus}). */
    private static final Set<String> OPEN = Set.of("Scheduled", "Dispatched");

    /** Whether the visit is still to be made: active, scheduled or dispatched (not working, on hold, done or canceled). */
    public boolean open() {
        return active && status != null && OPEN.contains(status);
    }
}
