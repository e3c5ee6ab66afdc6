package io.dispatchgateway.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Power BI adapter on, against a fake Power BI: the push dataset is created, and every KPI fact row of a
 * demo flow arrives exactly once, in batches within the configured size, across an outage of five minutes and
 * a throttled request after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class PowerBiPushIT {

    private static final String DATASETS = "/v1.0/myorg/groups/ws-1/datasets";
    private static final String ROWS = DATASETS + "/ds-1/tables/JobFactEvents/rows";
    private static final int BATCH = 4;
    private static final WireMockServer POWER_BI = new WireMockServer(options().dynamicPort());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        POWER_BI.start();
        POWER_BI.stubFor(post(urlPathMatching("/tenant-1/oauth2/v2.0/token"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"t\"}")));
        POWER_BI.stubFor(get(urlPathEqualTo(DATASETS)).willReturn(okJson("{\"value\":[]}")));
        POWER_BI.stubFor(post(urlPathEqualTo(DATASETS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"ds-1\",\"name\":\"KPIs\"}")));
        POWER_BI.stubFor(post(urlPathEqualTo(ROWS)).willReturn(aResponse().withStatus(503)));
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.approval.close-call-margin", () -> "0");
        registry.add("gateway.adapters.powerbi.enabled", () -> "true");
        registry.add("gateway.adapters.powerbi.api-url", () -> POWER_BI.baseUrl() + "/v1.0/myorg");
        registry.add("gateway.adapters.powerbi.authority-url", POWER_BI::baseUrl);
        registry.add("gateway.adapters.powerbi.tenant-id", () -> "tenant-1");
        registry.add("gateway.adapters.powerbi.client-id", () -> "client-1");
        registry.add("gateway.adapters.powerbi.client-secret", () -> "not-a-real-secret");
        registry.add("gateway.adapters.powerbi.workspace-id", () -> "ws-1");
        registry.add("gateway.adapters.powerbi.max-rows-per-request", () -> String.valueOf(BATCH));
        registry.add("gateway.kpi.push-interval", () -> "200ms");
        registry.add("gateway.kpi.initial-backoff", () -> "30s");
        registry.add("gateway.kpi.max-backoff", () -> "2m");
    }

    @AfterAll
    static void stopFake() {
        POWER_BI.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Test
    void everyFactRowArrivesOnceAcrossAnOutageAndThrottling() throws Exception {
        GatewayClient client = new GatewayClient(port);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ids.add(parse(client.post("/api/v1/jobs", "integration", job("PBI-" + i, "C-0128",
                    "Furnace not heating, unit " + i)).body()).get("id").asText());
        }
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(15)).until(() -> client.json("/api/v1/jobs/" + id, "dispatcher")
                    .get("status").asText(), "ASSIGNED"::equals);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !attempts(503).isEmpty());
        long rows = client.json("/api/v1/kpis/push", "kpi").get("pending").asLong();
        assertThat(rows).isGreaterThanOrEqualTo(12); // received and assigned, for each of the six jobs

        // Five minutes of outage: the rows are tried again with back-off and stay in the outbox.
        for (int minute = 0; minute < 5; minute++) {
            ((MondayMorningClock.RunningClock) clock).advance(Duration.ofMinutes(1));
            Thread.sleep(400);
        }
        JsonNode during = client.json("/api/v1/kpis/push", "kpi");
        assertThat(during.get("pending").asLong()).isEqualTo(rows);
        assertThat(during.get("done").asLong()).isZero();
        assertThat(during.get("lastError").asText()).contains("503");
        assertThat(attempts(503).size()).isGreaterThan(3);

        // Power BI is back but throttles the first request; then it takes everything.
        POWER_BI.stubFor(post(urlPathEqualTo(ROWS)).inScenario("back").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")).willSetStateTo("open"));
        POWER_BI.stubFor(post(urlPathEqualTo(ROWS)).inScenario("back").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200)));
        ((MondayMorningClock.RunningClock) clock).advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> !attempts(429).isEmpty());
        // Each throttled batch waits its 20 s of (test) time, then goes.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ((MondayMorningClock.RunningClock) clock).advance(Duration.ofSeconds(20));
            return client.json("/api/v1/kpis/push", "kpi").get("pending").asLong() == 0;
        });

        List<Long> delivered = new ArrayList<>();
        Set<String> jobFacts = new HashSet<>();
        for (ServeEvent event : attempts(200)) {
            JsonNode body = parse(event.getRequest().getBodyAsString()).get("rows");
            assertThat(body.size()).isBetween(1, BATCH);
            body.forEach(row -> {
                delivered.add(row.get("RowId").asLong());
                jobFacts.add(row.get("JobId").asText() + ":" + row.get("Fact").asText());
            });
        }
        assertThat(delivered).hasSize((int) rows).doesNotHaveDuplicates();
        for (String id : ids) {
            assertThat(jobFacts).contains(id + ":received", id + ":assigned");
        }
        assertThat(client.json("/api/v1/kpis/push", "kpi").get("done").asLong()).isEqualTo(rows);
        JsonNode create = parse(POWER_BI.findAll(postRequestedFor(urlPathEqualTo(DATASETS))).get(0)
                .getBodyAsString());
        assertThat(create.get("defaultMode").asText()).isEqualTo("Push");

        // Delivered rows are kept for gateway.kpi.keep-delivered (30 days), then removed.
        ((MondayMorningClock.RunningClock) clock).advance(Duration.ofDays(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.json("/api/v1/kpis/push", "kpi").get("done")
                .asLong() == 0);
    }

    private static List<ServeEvent> attempts(int status) {
        return POWER_BI.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(ROWS) && e.getResponse().getStatus() == status).toList();
    }
}
