package io.dispatchgateway.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Starts the gateway's clock at Monday 23 November 2026, 09:00 in Denver, and lets it run: shifts, SLA risk
 * and rankings then do not depend on the hour the tests happen to run. A test can move it forward
 * ({@link RunningClock#advance}) to play out minutes or hours at once.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MondayMorningClock {

    public static final Instant START = Instant.parse("2026-11-23T16:00:00Z");

    @Bean
    RunningClock clock() {
        return new RunningClock(START);
    }

    /** A clock that runs with the system clock from a chosen start and can be moved forward. */
    public static final class RunningClock extends Clock {

        private volatile Duration offset;

        RunningClock(Instant start) {
            this.offset = Duration.between(Instant.now(), start);
        }

        public void advance(Duration duration) {
            offset = offset.plus(duration);
        }

        /** Runs on from {@code start} again (a test that begins a fresh day). */
        public void restartAt(Instant start) {
            offset = Duration.between(Instant.now(), start);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
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
}
