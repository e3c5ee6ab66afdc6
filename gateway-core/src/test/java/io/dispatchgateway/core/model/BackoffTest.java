package io.dispatchgateway.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertThat(backoff.before(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.before(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.before(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.before(7)).isEqualTo(Duration.ofSeconds(30)); // 32 s, capped
        assertThat(backoff.before(10_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.before(0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aMaximumBelowTheInitialWaitIsTheInitialWaitAndNegativeWaitsAreRefused() {
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)).before(3))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(new Backoff(Duration.ZERO, Duration.ofSeconds(1)).before(5)).isZero();
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
