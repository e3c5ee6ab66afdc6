package io.dispatchgateway.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway ranks with each maps provider, one property apart, against WireMock fakes: only the options in
 * contention are measured (at most 10 per decision) and the recommendation says which times were measured.
 */
class MapsProviderIT {

    private static final WireMockServer MAPS = new WireMockServer(options().dynamicPort());

    static {
        MAPS.start();
        StringBuilder rows = new StringBuilder();
        StringBuilder elements = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            rows.append(i == 0 ? "" : ",").append("[").append(600 + 60 * i).append(".0]");
            elements.append(i == 0 ? "" : ",").append("{\"originIndex\": ").append(i).append(", \"destinationIndex\": 0,"
                    + " \"status\": {}, \"condition\": \"ROUTE_EXISTS\", \"distanceMeters\": 9000, \"duration\": \"")
                    .append(600 + 60 * i).append("s\"}");
        }
        MAPS.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(okJson("{\"code\": \"Ok\", \"durations\": ["
                + rows + "], \"distances\": [" + rows + "]}")));
        MAPS.stubFor(post(urlPathEqualTo("/distanceMatrix/v2:computeRouteMatrix")).willReturn(okJson("[" + elements
                + "]")));
    }

    @AfterAll
    static void stop() {
        MAPS.stop();
    }

    static void common(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.approval.close-call-margin", () -> "0");
        registry.add("gateway.adapters.maps.osrm.base-url", MAPS::baseUrl);
        registry.add("gateway.adapters.maps.google.base-url", MAPS::baseUrl);
        registry.add("gateway.adapters.maps.google.api-key", () -> "test-key");
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    }

    static JsonNode rankOneJob(int port, String externalId) {
        GatewayClient client = new GatewayClient(port);
        String id = parse(client.post("/api/v1/jobs", "integration", job(externalId, "C-0128",
                "Furnace not heating")).body()).get("id").asText();
        return await().atMost(Duration.ofSeconds(20)).until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                job -> !"RECEIVED".equals(job.get("status").asText()) && !"CLASSIFIED".equals(job.get("status").asText())
                        && !job.get("recommendation").isNull());
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @ActiveProfiles("demo")
    @Import(MondayMorningClock.class)
    class Osrm {

        @TempDir
        static Path dataDir;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            common(registry, dataDir);
            registry.add("gateway.adapters.maps.provider", () -> "osrm");
        }

        @LocalServerPort
        int port;

        @Test
        void ranksWithMeasuredTimesForTheOptionsInContention() {
            MAPS.resetRequests();
            JsonNode job = rankOneJob(port, "MAPS-OSRM-1");

            assertThat(job.at("/recommendation/options/0/travelEstimated").asBoolean()).isFalse();
            assertThat(MAPS.getAllServeEvents()).isNotEmpty().allSatisfy(event -> assertThat(sources(event))
                    .isLessThanOrEqualTo(10));
            assertThat(new GatewayClient(port).get("/actuator/prometheus", "kpi").body())
                    .contains("gateway_maps_elements_total{provider=\"osrm\"}");
        }

        private static int sources(ServeEvent event) {
            return event.getRequest().queryParameter("sources").firstValue().split(";").length;
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @ActiveProfiles("demo")
    @Import(MondayMorningClock.class)
    class Google {

        @TempDir
        static Path dataDir;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            common(registry, dataDir);
            registry.add("gateway.adapters.maps.provider", () -> "google");
        }

        @LocalServerPort
        int port;

        @Test
        void ranksWithMeasuredTimesForTheOptionsInContention() throws Exception {
            MAPS.resetRequests();
            JsonNode job = rankOneJob(port, "MAPS-GOOGLE-1");

            assertThat(job.at("/recommendation/options/0/travelEstimated").asBoolean()).isFalse();
            assertThat(MAPS.getAllServeEvents()).isNotEmpty().allSatisfy(event -> assertThat(
                    parse(event.getRequest().getBodyAsString()).get("origins").size()).isLessThanOrEqualTo(10));
        }
    }
}
