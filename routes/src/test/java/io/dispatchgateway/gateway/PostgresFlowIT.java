package io.dispatchgateway.gateway;

import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.core.live.SlaWatch;
import io.dispatchgateway.core.port.KpiPush.FactRow;
import io.dispatchgateway.gateway.live.SlaMonitor;
import io.dispatchgateway.gateway.persistence.KpiOutbox;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a real PostgreSQL server instead of H2: every Flyway migration, intake and quarantine, an
 * automatic and an approved assignment, field events with an SLA stage fired once, a pause, the KPI export and
 * the KPI outbox's claims. The server is a private cluster made from the Debian {@code postgresql} binaries
 * ({@code .ci/run} installs them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
@EnabledIf(value = "postgresInstalled", disabledReason = "no PostgreSQL binaries under /usr/lib/postgresql:"
        + " install Debian's postgresql (.ci/run does) to run this test")
class PostgresFlowIT {

    private static LocalPostgres postgres;

    @TempDir
    static Path dataDir;

    static boolean postgresInstalled() {
        return LocalPostgres.binaries().isPresent();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        postgres = LocalPostgres.start(LocalPostgres.binaries().orElseThrow());
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", postgres::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.approval.close-call-margin", () -> "0");
        registry.add("gateway.operations.monitor-interval", () -> "1h");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SlaMonitor monitor;

    @Autowired
    LiveOpsStore live;

    @Autowired
    KpiOutbox outbox;

    @Autowired
    Clock clock;

    @Test
    void theWholeFlowRunsOnPostgres() {
        GatewayClient client = new GatewayClient(port);
        assertThat(client.get("/actuator/health", "admin").body()).contains("PostgreSQL");

        var refused = client.post("/api/v1/jobs", "integration", "{\"externalId\": \"\", \"location\": {\"lat\": 1}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(client.get("/api/v1/quarantine", "dispatcher").body())
                .contains(parse(refused.body()).get("quarantineId").asText());

        String routine = submit(client, "PG-1", "C-0128", "Furnace not heating");
        JsonNode assigned = status(client, routine, "ASSIGNED");
        assertThat(client.post("/api/v1/jobs", "integration", job("PG-1", "C-0128", "Furnace not heating")).body())
                .contains("\"duplicate\":true");

        String critical = submit(client, "PG-2", "C-0059", "Gas leak by the boiler");
        JsonNode pending = status(client, critical, "PENDING_APPROVAL");
        assertThat(client.post("/api/v1/approvals/" + pending.at("/approval/id").asText() + "/decision", "dispatcher",
                "{\"decision\": \"APPROVE\"}").statusCode()).isEqualTo(200);
        status(client, critical, "ASSIGNED");

        Instant deadline = Instant.parse(assigned.at("/classification/slaDeadline").asText());
        event(client, routine, "{\"type\": \"EN_ROUTE\"}");
        JsonNode delayed = event(client, routine, "{\"type\": \"DELAYED\", \"newEta\": \"" + deadline.plusSeconds(3600)
                + "\"}");
        assertThat(delayed.get("slaStages").toString()).contains("BREACH_RISK");
        assertThat(live.fire(routine, SlaWatch.Stage.BREACH_RISK, 1.0)).isFalse();
        assertThat(monitor.evaluate(routine)).isZero();
        assertThat(delayed.at("/exceptions/0/family").asText()).isEqualTo("SLA_RISK");

        JsonNode paused = event(client, critical, "{\"type\": \"PART_MISSING\", \"parts\": [\"NOWHERE-1\"]}");
        assertThat(paused.at("/live/status").asText()).isEqualTo("PAUSED");
        assertThat(paused.at("/customerUpdates/0/reason").asText()).isEqualTo("PAUSED");

        JsonNode kpis = client.json("/api/v1/kpis?groupBy=TENANT&from=2026-11-01&to=2026-12-31", "kpi").get(0);
        assertThat(kpis.get("jobs").asInt()).isEqualTo(2);
        assertThat(kpis.get("assigned").asInt()).isEqualTo(2);
        assertThat(client.get("/api/v1/kpis/facts?format=csv&from=2026-11-01&to=2026-12-31", "kpi").body())
                .contains(routine, critical);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.json("/api/v1/write-backs?status=DONE", "dispatcher")
                .get("items").toString(), items -> items.contains(routine) && items.contains(critical));

        for (int i = 0; i < 3; i++) {
            outbox.add(new FactRow(0, routine, "test-fact", clock.instant(), "default", null, null, null, null, null,
                    i == 0 ? null : (double) i));
        }
        KpiOutbox.Batch first = outbox.claim(2);
        assertThat(first.rows()).hasSize(2);
        assertThat(first.rows().get(0).minutes()).isNull();
        assertThat(outbox.claim(2).rows()).hasSize(1);
        outbox.delivered(first);
        assertThat(outbox.summary().done()).isEqualTo(2);
        assertThat(outbox.summary().pending()).isEqualTo(1);
        assertThat(outbox.purgeDelivered(clock.instant().plusSeconds(60))).isEqualTo(2);
    }

    private static JsonNode event(GatewayClient client, String id, String body) {
        var response = client.post("/api/v1/jobs/" + id + "/events", "integration", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    private static String submit(GatewayClient client, String externalId, String customer, String summary) {
        return parse(client.post("/api/v1/jobs", "integration", job(externalId, customer, summary)).body()).get("id")
                .asText();
    }

    private static JsonNode status(GatewayClient client, String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                job -> status.equals(job.get("status").asText()));
    }
}
