package io.dispatchgateway.core.model;

import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/** A technician's regular working hours on the given days, in the gateway's operating time zone. */
public record Shift(Set<DayOfWeek> days, @NotNull LocalTime start, @NotNull LocalTime end) {

    public Shift {
        days = days == null || days.isEmpty() ? Set.of(DayOfWeek.values()) : Set.copyOf(days);
    }
}
