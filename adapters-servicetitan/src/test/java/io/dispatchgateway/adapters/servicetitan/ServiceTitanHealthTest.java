package io.dispatchgateway.adapters.servicetitan;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The adapter's health goes DOWN when ingestion keeps failing, though a token can still be obtained. */
class ServiceTitanHealthTest {

    private final ServiceTitanFake fake = new ServiceTitanFake();
    private final ServiceTitanProperties properties = fake.properties(2, 5);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T16:00:00Z"));

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void pollsThatKeepFailingMakeTheAdapterDownNotTheGateway() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/zones")))
                .willReturn(ServiceTitanFake.status(503)));
        ServiceTitanClient client = fake.client(properties, clock);
        ServiceTitanJobSource source = new ServiceTitanJobSource(client, new ServiceTitanMapperImpl(),
                new ObjectMapper().registerModule(new JavaTimeModule()), new InMemoryPorts.Cursors(),
                new InMemoryPorts.Customers(), new InMemoryPorts.Technicians(), properties, clock,
                ZoneId.of("America/Denver"));
        ServiceTitanHealth health = new ServiceTitanHealth(client, source, Duration.ofSeconds(30), clock);

        assertThatThrownBy(() -> source.poll(payload -> { })).isInstanceOf(ServiceTitanUnavailableException.class);
        // One failed poll is not a stall yet.
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        clock.advance(Duration.ofMinutes(6));
        var stalled = health.health();

        assertThat(stalled.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stalled.getDetails()).containsEntry("ingestionStalled", true).containsEntry("tokenObtainable", true)
                .containsKey("lastFailure");
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
