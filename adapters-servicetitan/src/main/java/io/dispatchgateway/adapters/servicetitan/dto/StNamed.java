package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A named settings record, the fields the gateway uses: {@code Settings.V2.BusinessUnitResponse} and
 * {@code Settings.V2.TagTypeResponse}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StNamed(long id, String name, boolean active) {}
