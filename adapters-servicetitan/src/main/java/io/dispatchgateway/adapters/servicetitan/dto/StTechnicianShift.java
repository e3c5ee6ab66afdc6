package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** {@code Dispatch.V2.TechnicianShiftResponse}, the fields the gateway uses: one planned shift. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StTechnicianShift(long id, long technicianId, boolean active, String shiftType,
        OffsetDateTime start, OffsetDateTime end) {

    /** Time off is not work: such a shift makes no working day. */
    public boolean working() {
        return active && !"TimeOff".equals(shiftType);
    }
}
