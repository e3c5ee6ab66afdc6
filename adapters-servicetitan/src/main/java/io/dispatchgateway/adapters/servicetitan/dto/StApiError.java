package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** ServiceTitan's {@code ApiErrorResponse}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StApiError(String type, String title, Integer status, String traceId, Map<String, List<String>> errors) {}
