package io.dispatchgateway.gateway;

import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Jobs, decisions, approvals and audit survive a restart on the same data directory. */
class RestartPersistenceIT {

    @TempDir
    Path dataDir;

    @Test
    void approvedAssignmentAndItsApproverSurviveARestart() {
        String id;
        String approvalId;
        try (ConfigurableApplicationContext first = start()) {
            GatewayClient client = client(first);
            id = parse(client.post("/api/v1/jobs", "integration",
                    job("RESTART-1", "C-0059", "Sparking outlet in the server room")).body()).get("id").asText();
            approvalId = awaitStatus(client, id, "PENDING_APPROVAL").at("/approval/id").asText();
            assertThat(client.post("/api/v1/approvals/" + approvalId + "/decision", "manager",
                    "{\"decision\":\"APPROVE\",\"comment\":\"go\"}").statusCode()).isEqualTo(200);
            awaitStatus(client, id, "ASSIGNED");
        }

        try (ConfigurableApplicationContext second = start()) {
            GatewayClient client = client(second);
            JsonNode job = client.json("/api/v1/jobs/" + id, "dispatcher");

            assertThat(job.get("status").asText()).isEqualTo("ASSIGNED");
            assertThat(job.at("/classification/category").asText()).isEqualTo("ELECTRICAL_SAFETY");
            assertThat(job.at("/recommendation/options").size()).isPositive();
            assertThat(job.at("/approval/id").asText()).isEqualTo(approvalId);
            assertThat(job.at("/approval/decidedBy").asText()).isEqualTo("manager");
            assertThat(job.at("/assignment/assignedBy").asText()).isEqualTo("user:manager");
            assertThat(job.at("/pack/jobId").asText()).isEqualTo(id);
            assertThat(job.get("audit")).extracting(a -> a.get("action").asText())
                    .containsSubsequence("received", "classified", "ranked", "approval-requested", "approved",
                            "assigned");
            // The roster is loaded again at start-up without duplicating anything.
            assertThat(client.json("/api/v1/customers?size=1", "dispatcher").get("total").asLong()).isEqualTo(300);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DispatchGatewayApplication.class, MondayMorningClock.class)
                .profiles("demo")
                .run("--server.port=0", "--gateway.data-dir=" + dataDir);
    }

    private static GatewayClient client(ConfigurableApplicationContext context) {
        return new GatewayClient(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    private static JsonNode awaitStatus(GatewayClient client, String id, String status) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                        job -> status.equals(job.get("status").asText()));
    }
}
