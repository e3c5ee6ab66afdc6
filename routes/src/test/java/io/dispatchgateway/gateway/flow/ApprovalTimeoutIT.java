package io.dispatchgateway.gateway.flow;

import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.gateway.GatewayClient;
import io.dispatchgateway.gateway.MondayMorningClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.dispatchgateway.core.port.EscalationChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An approval nobody decides is escalated after its timeout, then the fallback assigns the best option; the
 * escalation channel is down at first, and the escalation reaches it once, later, from the outbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import({MondayMorningClock.class, ApprovalTimeoutIT.FlakyChannel.class})
class ApprovalTimeoutIT {

    /** An escalation channel that refuses its first two messages, then records every one. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FlakyChannel {
        @Bean
        Flaky escalationChannel() {
            return new Flaky();
        }
    }

    static class Flaky implements EscalationChannel {
        final AtomicInteger refused = new AtomicInteger();
        final List<Escalation> sent = new CopyOnWriteArrayList<>();

        @Override
        public void escalate(Escalation escalation) {
            if (refused.getAndIncrement() < 2) {
                throw new IllegalStateException("escalation channel unavailable");
            }
            sent.add(escalation);
        }
    }

    @Autowired
    Flaky channel;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.approval.timeouts.CRITICAL", () -> "1s");
        registry.add("gateway.approval.fallback-after", () -> "1s");
        registry.add("gateway.approval.fallback", () -> "ASSIGN_BEST");
        registry.add("gateway.approval.check-interval", () -> "250ms");
    }

    @LocalServerPort
    int port;

    @Test
    void undecidedCriticalApprovalIsEscalatedThenTheBestOptionIsAssigned() {
        GatewayClient client = new GatewayClient(port);
        String id = parse(client.post("/api/v1/jobs", "integration",
                job("TIMEOUT-1", "C-0059", "Smell of gas in the kitchen")).body()).get("id").asText();

        JsonNode job = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                        found -> "ASSIGNED".equals(found.get("status").asText()));

        assertThat(job.get("audit")).extracting(a -> a.get("action").asText())
                .containsSubsequence("approval-requested", "approval-escalated", "approval-fallback", "assigned");
        assertThat(job.at("/assignment/technicianId").asText())
                .isEqualTo(job.at("/recommendation/options/0/technicianId").asText());
        assertThat(job.at("/assignment/assignedBy").asText()).isEqualTo(ApprovalTimeouts.SYSTEM);
        assertThat(job.at("/approval/decidedBy").asText()).isEqualTo(ApprovalTimeouts.SYSTEM);

        // The escalation waited in the outbox while the channel was down, then arrived once.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> channel.sent.stream()
                .anyMatch(e -> e.jobId().equals(id) && e.kind().equals("approval-timeout")));
        assertThat(channel.sent.stream().filter(e -> e.jobId().equals(id) && e.kind().equals("approval-timeout")))
                .hasSize(1);
        assertThat(client.json("/api/v1/jobs/" + id, "dispatcher").get("audit").findValuesAsText("action"))
                .contains("escalation-not-sent");
    }
}
