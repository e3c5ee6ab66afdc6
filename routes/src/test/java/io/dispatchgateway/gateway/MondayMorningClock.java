package io.dispatchgateway.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Starts the gateway's clock at Monday 23 November 2026, 09:00 in Denver, and lets it run: shifts, SLA risk
 * and rankings then do not depend on the hour the tests happen to run.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MondayMorningClock {

    public static final Instant START = Instant.parse("2026-11-23T16:00:00Z");

    @Bean
    Clock clock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START));
    }
}
