package io.dispatchgateway.mappings.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimeConvertersTest {

    private final TimeConverters converters = new TimeConverters();

    @Test
    void offsetTimesBecomeTheSameInstantInUtc() {
        OffsetDateTime denver = OffsetDateTime.parse("2026-11-23T08:00:00-07:00");

        assertThat(converters.toInstant(denver)).isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
        assertThat(converters.toOffsetDateTime(Instant.parse("2026-11-23T15:00:00Z")))
                .isEqualTo(OffsetDateTime.parse("2026-11-23T15:00:00Z"));
    }

    @Test
    void minutesRoundTripAndNullsStayNull() {
        assertThat(converters.minutesToDuration(90)).isEqualTo(Duration.ofMinutes(90));
        assertThat(converters.durationToMinutes(Duration.ofMinutes(90))).isEqualTo(90);
        assertThat(converters.toInstant(null)).isNull();
        assertThat(converters.minutesToDuration(null)).isNull();
    }
}
