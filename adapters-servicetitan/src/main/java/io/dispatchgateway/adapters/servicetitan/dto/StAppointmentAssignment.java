package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/**
 * {@code Dispatch.V2.AppointmentAssignmentResponse} (and its export form), the fields the gateway uses: which
 * technician is on which appointment of which job, whether still, and since when.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StAppointmentAssignment(long id, long technicianId, long appointmentId, long jobId, boolean active,
        OffsetDateTime modifiedOn) {}
