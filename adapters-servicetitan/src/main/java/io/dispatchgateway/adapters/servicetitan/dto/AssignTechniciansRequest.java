package io.dispatchgateway.adapters.servicetitan.dto;

import java.util.List;

/** {@code Dispatch.V2.AssignTechniciansRequest} and {@code UnassignTechniciansRequest}: same shape. */
public record AssignTechniciansRequest(long jobAppointmentId, List<Long> technicianIds) {}
