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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An approval nobody decides is escalated after its timeout, then the fallback assigns the best option. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class ApprovalTimeoutIT {

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
    }
}
