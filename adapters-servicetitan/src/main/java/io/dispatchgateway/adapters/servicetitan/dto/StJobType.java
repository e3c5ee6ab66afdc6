package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code Jpm.V2.JobTypeResponse}, the fields the gateway uses ({@code duration} in seconds). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StJobType(long id, String name, List<String> skills, String priority, Long duration, boolean active) {}
