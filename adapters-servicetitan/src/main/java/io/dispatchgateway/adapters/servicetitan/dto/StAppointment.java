package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code Jpm.V2.AppointmentResponse}, the fields the gateway uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StAppointment(long id, long jobId, String status, boolean active) {}
