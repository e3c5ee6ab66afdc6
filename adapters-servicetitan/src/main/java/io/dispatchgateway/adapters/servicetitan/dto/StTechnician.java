package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code TenantSettings.V2.TechnicianResponse}, the fields the gateway uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StTechnician(long id, String name, boolean active, String email, String phoneNumber,
        String mobilePhone, StAddress home, Position location, Long mainZoneId, List<Long> zoneIds,
        String shiftStart, String shiftEnd, List<Skill> skills, OffsetDateTime modifiedOn) {

    /** {@code TenantSettings.V2.TechnicianSkillResponse}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Skill(long id, String name) {}

    /** {@code TenantSettings.V2.TechnicianLocationResponse}: the last GPS fix and when it was taken. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Position(Double latitude, Double longitude, OffsetDateTime coordinatesUpdatedOn) {}
}
