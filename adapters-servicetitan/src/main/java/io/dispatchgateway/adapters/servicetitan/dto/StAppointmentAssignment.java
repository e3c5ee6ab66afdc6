package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code Dispatch.V2.AppointmentAssignmentResponse}, the fields the gateway uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StAppointmentAssignment(long id, long technicianId, long appointmentId, long jobId, boolean active) {}
