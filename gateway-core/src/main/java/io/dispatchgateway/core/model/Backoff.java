package io.dispatchgateway.core.model;

import java.time.Duration;

/**
 * How long to wait before trying again: {@code initial} before the first retry, doubling with each further
 * one, never more than {@code max} (a zero initial wait stays zero). Every retry of the gateway (the outboxes, the vendor clients) waits this way.
 */
public record Backoff(Duration initial, Duration max) {

    /** A maximum below the initial wait is the initial wait. */
    public Backoff {
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("a back-off is not negative: " + initial + ", " + max);
        }
        max = max.compareTo(initial) < 0 ? initial : max;
    }

    /** @param retry 1 for the first retry, 2 for the second, ... */
    public Duration before(int retry) {
        Duration wait = initial;
        for (int i = 1; i < retry && !wait.isZero() && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
