package io.dispatchgateway.clients;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * The one breaker rule every vendor client follows: it opens after {@code threshold} failures in a row, stays open for
 * {@code openFor}, then lets a single probe call through; a successful probe closes it again.
 */
public final class Breakers {

    private Breakers() {
    }

    public static CircuitBreakerConfig afterFailuresInARow(int threshold, Duration openFor, Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(threshold, threshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build();
    }
}
