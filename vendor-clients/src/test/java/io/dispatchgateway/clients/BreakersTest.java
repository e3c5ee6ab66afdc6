package io.dispatchgateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BreakersTest {

    private static final RuntimeException DOWN = new IllegalStateException("vendor down");

    private Instant now = Instant.parse("2026-12-03T09:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final CircuitBreaker breaker = CircuitBreaker.of("vendor",
            Breakers.afterFailuresInARow(3, Duration.ofSeconds(30), clock));

    @Test
    void opensOnlyAfterTheThresholdOfFailuresInARow() {
        fail(2);
        breaker.onSuccess(1, TimeUnit.MILLISECONDS);
        fail(2);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        fail(1);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquirePermission()).isFalse();
    }

    @Test
    void letsOneProbeThroughAfterTheOpenTimeAndClosesWhenItSucceeds() {
        fail(3);
        now = now.plusSeconds(31);

        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.tryAcquirePermission()).as("a second caller while the probe runs").isFalse();
        breaker.onSuccess(1, TimeUnit.MILLISECONDS);

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFailedProbeOpensItAgain() {
        fail(3);
        now = now.plusSeconds(31);
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onError(1, TimeUnit.MILLISECONDS, DOWN);

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.acquirePermission();
            breaker.onError(1, TimeUnit.MILLISECONDS, DOWN);
        }
    }
}
