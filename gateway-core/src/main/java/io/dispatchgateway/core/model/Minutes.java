package io.dispatchgateway.core.model;

import java.time.Duration;
import java.time.Instant;

/** Elapsed time as the KPIs and audit figures state it: minutes, with fractions. */
public final class Minutes {

    private Minutes() {}

    /** The minutes from {@code from} to {@code to} (negative when {@code to} is earlier). */
    public static double between(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 60_000.0;
    }
}
