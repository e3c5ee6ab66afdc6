package io.dispatchgateway.core.model;

import java.time.Instant;

/**
 * The appointment window promised to the customer: the technician must arrive between {@code start} and
 * {@code end}. Arriving earlier means waiting; arriving later breaks the promise.
 */
public record ArrivalWindow(Instant start, Instant end) {

    /** Whether {@code arrival} keeps the promise (the start is not a limit: the technician can wait). */
    public boolean allows(Instant arrival) {
        return end == null || !arrival.isAfter(end);
    }
}
