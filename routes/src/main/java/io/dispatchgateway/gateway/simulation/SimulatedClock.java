package io.dispatchgateway.gateway.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulation's clock: it stands still until the simulator moves it to the next event. */
public final class SimulatedClock extends Clock {

    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to {@code instant}; never back. */
    public void set(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
