package io.dispatchgateway.core.plan;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How plans are laid out.
 *
 * @param zone shifts and breaks are local times in it
 * @param overtimeAllowance how far past the shift end the day (the drive home included) may run
 * @param dailyCapacity how many jobs a technician takes in one shift
 * @param horizon how far ahead jobs are planned: into any shift that starts before now plus this
 * @param breakRule the break every shift day needs, or null for none
 * @param depotHandling time spent at a depot picking up parts
 */
public record PlanSettings(ZoneId zone, Duration overtimeAllowance, int dailyCapacity, Duration horizon,
        BreakRule breakRule, Duration depotHandling) {

    /**
     * A break of {@code length} taken between two jobs, starting between {@code earliest} and {@code latest}
     * (local times): the first moment between jobs at or after {@code earliest}.
     */
    public record BreakRule(LocalTime earliest, LocalTime latest, Duration length) {

        public BreakRule {
            if (!latest.isAfter(earliest) || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a break needs a window whose end is after its start and a"
                        + " positive length");
            }
        }
    }

    public PlanSettings {
        if (dailyCapacity < 1) {
            throw new IllegalArgumentException("daily capacity must be at least 1");
        }
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the planning horizon must be positive");
        }
        depotHandling = depotHandling == null ? Duration.ZERO : depotHandling;
    }
}
