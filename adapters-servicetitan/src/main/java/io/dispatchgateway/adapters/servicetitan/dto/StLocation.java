package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code Crm.V2.Locations.LocationResponse}, the fields the gateway uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StLocation(long id, long customerId, boolean active, String name, StAddress address, Long zoneId) {}
