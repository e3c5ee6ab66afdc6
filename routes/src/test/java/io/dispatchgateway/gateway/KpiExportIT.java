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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The KPI export after a small demo history, against a hand calculation. The history: J1 assigned
 * automatically; J2 assigned automatically then reassigned by a dispatcher; J3 critical, approved with the
 * second option (an override); J4 critical, rejected. So: 4 jobs, 3 assigned; automatic share 2/3 (J1, J2);
 * approval share 2/4; manager override rate 2/3 (J2, J3); dispatcher touches 3/4 (reassign, approve, reject);
 * reassignments 1/4.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class KpiExportIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.approval.close-call-margin", () -> "0");
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    }

    @LocalServerPort
    int port;

    @Test
    void kpisOfASmallHistoryMatchTheHandCalculation() {
        GatewayClient client = new GatewayClient(port);
        String j1 = submit(client, "KPI-1", "C-0128", "Furnace not heating");
        String j2 = submit(client, "KPI-2", "C-0128", "Kitchen drain clogged");
        String j3 = submit(client, "KPI-3", "C-0059", "Gas leak by the boiler");
        String j4 = submit(client, "KPI-4", "C-0059", "Smell of gas in the hall");

        JsonNode second = status(client, j2, "ASSIGNED");
        String other = second.at("/recommendation/options/1/technicianId").asText();
        assertThat(client.post("/api/v1/jobs/" + j2 + "/reassign", "dispatcher",
                "{\"technicianId\": \"" + other + "\"}").statusCode()).isEqualTo(200);
        JsonNode third = status(client, j3, "PENDING_APPROVAL");
        client.post("/api/v1/approvals/" + third.at("/approval/id").asText() + "/decision", "dispatcher",
                "{\"decision\": \"APPROVE\", \"technicianId\": \"" + third.at("/recommendation/options/1/technicianId")
                        .asText() + "\"}");
        JsonNode fourth = status(client, j4, "PENDING_APPROVAL");
        client.post("/api/v1/approvals/" + fourth.at("/approval/id").asText() + "/decision", "manager",
                "{\"decision\": \"REJECT\", \"comment\": \"duplicate of KPI-3\"}");
        status(client, j1, "ASSIGNED");
        status(client, j3, "ASSIGNED");
        status(client, j4, "REJECTED");

        JsonNode tenant = client.json("/api/v1/kpis?groupBy=TENANT&from=2026-11-01&to=2026-12-01", "kpi").get(0);
        assertThat(tenant.get("group").asText()).isEqualTo("default");
        assertThat(tenant.get("jobs").asInt()).isEqualTo(4);
        assertThat(tenant.get("assigned").asInt()).isEqualTo(3);
        assertThat(tenant.get("autoAssignmentShare").asDouble()).isCloseTo(2 / 3.0, within());
        assertThat(tenant.get("approvalShare").asDouble()).isCloseTo(0.5, within());
        assertThat(tenant.get("managerOverrideRate").asDouble()).isCloseTo(2 / 3.0, within());
        assertThat(tenant.get("dispatcherTouchesPerJob").asDouble()).isCloseTo(0.75, within());
        assertThat(tenant.get("reassignmentsPerJob").asDouble()).isCloseTo(0.25, within());
        assertThat(tenant.get("slaAttainment").isNull()).isTrue(); // no completions without field events yet

        JsonNode byCategory = client.json("/api/v1/kpis?groupBy=CATEGORY&from=2026-11-01&to=2026-12-01", "kpi");
        assertThat(byCategory).extracting(r -> r.get("group").asText() + "=" + r.get("jobs").asInt())
                .containsExactly("GAS_SAFETY=2", "HVAC_HEATING=1", "PLUMBING=1");

        var csv = client.get("/api/v1/kpis/facts?format=csv&from=2026-11-01&to=2026-12-01", "kpi");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("jobId,tenant,territory,category,priority,status,receivedAt");
        assertThat(lines).hasSize(5);
        assertThat(csv.body()).contains(j2 + ",default,").contains(",REASSIGNED,");
        assertThat(client.get("/api/v1/kpis", "dispatcher").statusCode()).isEqualTo(403);
        // Today's KPIs as gauges (the test clock's today is the history's day).
        assertThat(client.get("/actuator/prometheus", "kpi").body()).contains("gateway_kpi_jobs 4.0",
                "gateway_kpi_manager_override_rate 0.666");
    }

    private static String submit(GatewayClient client, String externalId, String customer, String summary) {
        return parse(client.post("/api/v1/jobs", "integration", job(externalId, customer, summary)).body()).get("id")
                .asText();
    }

    private static JsonNode status(GatewayClient client, String id, String status) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                job -> status.equals(job.get("status").asText()));
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.0001);
    }
}
