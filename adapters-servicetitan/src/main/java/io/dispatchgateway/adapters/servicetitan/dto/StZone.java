package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code Dispatch.V2.ZoneResponse}, the fields the gateway uses: a service zone's name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StZone(long id, boolean active, String name) {}
