package io.dispatchgateway.adapters.servicetitan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The adapter's health: DOWN when no token can be obtained, the circuit breaker is open, or ingestion has
 * stalled (no successful poll for {@link #STALLED_POLLS} poll intervals, at least 5 minutes, while polls fail).
 * It is the adapter's own indicator: the gateway's liveness never depends on ServiceTitan.
 */
public class ServiceTitanHealth implements HealthIndicator {

    static final int STALLED_POLLS = 5;
    private static final Duration MIN_STALL = Duration.ofMinutes(5);

    private final ServiceTitanClient client;
    private final ServiceTitanJobSource source;
    private final Duration pollInterval;
    private final Clock clock;
    private final Instant started;

    public ServiceTitanHealth(ServiceTitanClient client, ServiceTitanJobSource source, Duration pollInterval,
            Clock clock) {
        this.client = client;
        this.source = source;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Instant last = source.lastSuccessfulPoll();
        Duration allowed = pollInterval.multipliedBy(STALLED_POLLS);
        allowed = allowed.compareTo(MIN_STALL) < 0 ? MIN_STALL : allowed;
        boolean stalled = source.lastFailure() != null
                && Duration.between(last == null ? started : last, now).compareTo(allowed) > 0;
        boolean token = client.tokenObtainable();
        Health.Builder health = token && !client.breakerOpen() && !stalled ? Health.up() : Health.down();
        health.withDetail("tokenObtainable", token)
                .withDetail("circuitBreakerOpen", client.breakerOpen())
                .withDetail("ingestionStalled", stalled)
                .withDetail("lastSuccessfulPoll", last == null ? "never" : last.toString());
        if (last != null) {
            health.withDetail("lagSeconds", Duration.between(last, now).toSeconds());
        }
        if (source.lastFailure() != null) {
            health.withDetail("lastFailure", source.lastFailure());
        }
        return health.build();
    }
}
