package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code Jpm.V2.JobResponse}, the fields the gateway uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StJob(long id, String jobNumber, long customerId, long locationId, String jobStatus, String priority,
        String summary, Long firstAppointmentId, OffsetDateTime createdOn, OffsetDateTime modifiedOn, Long jobTypeId,
        Long businessUnitId, List<Long> tagTypeIds) {}
