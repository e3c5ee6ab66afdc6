package io.dispatchgateway.mappings.convert;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Time conversions between vendor payloads and the canonical model, which keeps instants in UTC and
 * durations as {@link Duration}.
 */
public final class TimeConverters {

    public Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    public OffsetDateTime toOffsetDateTime(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }

    /** Vendors often send durations as whole minutes. */
    public Duration minutesToDuration(Integer minutes) {
        return minutes == null ? null : Duration.ofMinutes(minutes);
    }

    public Integer durationToMinutes(Duration duration) {
        return duration == null ? null : Math.toIntExact(duration.toMinutes());
    }
}
