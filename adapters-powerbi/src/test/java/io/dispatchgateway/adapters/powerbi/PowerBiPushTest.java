package io.dispatchgateway.adapters.powerbi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dispatchgateway.core.port.KpiPush.FactRow;
import io.dispatchgateway.core.port.KpiPush.KpiPushException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PowerBiPushTest {

    private static final String GROUP = "f089354e-8366-4e18-aea3-4cb4a3a50b48";
    private static final String DATASETS = "/v1.0/myorg/groups/" + GROUP + "/datasets";
    private static final String ROWS = DATASETS + "/ds-1/tables/JobFactEvents/rows";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer powerBi = new WireMockServer(options().dynamicPort());
    private final PowerBiSwagger swagger = new PowerBiSwagger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T16:00:00Z"));
    private PowerBiPush push;

    @BeforeEach
    void start() {
        powerBi.start();
        powerBi.stubFor(post(urlPathMatching("/tenant-1/oauth2/v2.0/token"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"token-1\"}")));
        powerBi.stubFor(get(urlPathEqualTo(DATASETS)).willReturn(okJson("{\"value\":[]}")));
        powerBi.stubFor(post(urlPathEqualTo(DATASETS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ds-1\",\"name\":\"Dispatch Gateway KPIs\",\"defaultRetentionPolicy\":\"None\"}")));
        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(200)));
        push = push(5);
    }

    @AfterEach
    void stop() {
        powerBi.stop();
    }

    private PowerBiPush push(int maxInFlight) {
        PowerBiProperties properties = new PowerBiProperties(true, URI.create(powerBi.baseUrl() + "/v1.0/myorg"),
                URI.create(powerBi.baseUrl()), "tenant-1", "client-1", "s3cret/+=", GROUP, "Dispatch Gateway KPIs",
                "JobFactEvents", 10_000, 120, maxInFlight, Duration.ofSeconds(10));
        return new PowerBiPush(HttpClient.newHttpClient(), JSON, properties, clock);
    }

    @Test
    void createsThePushDatasetWhenMissingAndPushesTheRows() throws Exception {
        push.push(rows(1, 3));

        LoggedRequest token = powerBi.findAll(postRequestedFor(urlPathMatching(".*/token"))).get(0);
        assertThat(form(token.getBodyAsString())).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "client-1").containsEntry("client_secret", "s3cret/+=")
                .containsEntry("scope", "https://analysis.windows.net/powerbi/api/.default");
        LoggedRequest create = powerBi.findAll(postRequestedFor(urlPathEqualTo(DATASETS))).get(0);
        JsonNode dataset = JSON.readTree(create.getBodyAsString());
        assertThat(dataset.path("defaultMode").asText()).isEqualTo("Push");
        assertThat(create.queryParameter("defaultRetentionPolicy").firstValue()).isEqualTo("None");
        JsonNode table = dataset.path("tables").get(0);
        assertThat(table.path("name").asText()).isEqualTo("JobFactEvents");
        List<String> types = new ArrayList<>();
        table.path("columns").forEach(column -> types.add(column.path("dataType").asText().toLowerCase()));
        assertThat(Set.of("int64", "double", "boolean", "datetime", "string")).containsAll(types);

        JsonNode body = JSON.readTree(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS))).get(0).getBodyAsString());
        assertThat(body.path("rows")).hasSize(3);
        JsonNode first = body.path("rows").get(0);
        assertThat(first.path("RowId").asLong()).isEqualTo(1);
        assertThat(first.path("Fact").asText()).isEqualTo("assigned");
        assertThat(first.path("At").asText()).isEqualTo("2026-11-23T16:00:00Z");
        List<String> columns = new ArrayList<>();
        table.path("columns").forEach(column -> columns.add(column.path("name").asText()));
        first.fieldNames().forEachRemaining(name -> assertThat(columns).contains(name));

        for (ServeEvent event : powerBi.getAllServeEvents()) {
            if (!event.getRequest().getUrl().contains("/token")) {
                assertThat(event.getRequest().getHeader("Authorization")).isEqualTo("Bearer token-1");
                assertThat(swagger.violations(event.getRequest())).as(event.getRequest().getUrl()).isEmpty();
            }
        }
    }

    @Test
    void aTenantWithItsOwnDatasetGetsItsRowsThereAndNoOtherTenantsRows() throws Exception {
        String bravoGroup = "0b7a4c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b";
        String bravoDatasets = "/v1.0/myorg/groups/" + bravoGroup + "/datasets";
        powerBi.stubFor(get(urlPathEqualTo(bravoDatasets)).willReturn(okJson(
                "{\"value\":[{\"id\":\"ds-b\",\"name\":\"Bravo KPIs\"}]}")));
        powerBi.stubFor(get(urlPathEqualTo(bravoDatasets + "/ds-b/tables")).willReturn(okJson(
                "{\"value\":[{\"name\":\"JobFactEvents\"}]}")));
        powerBi.stubFor(post(urlEqualTo(bravoDatasets + "/ds-b/tables/JobFactEvents/rows"))
                .willReturn(aResponse().withStatus(200)));
        PowerBiProperties perTenant = new PowerBiProperties(true, URI.create(powerBi.baseUrl() + "/v1.0/myorg"),
                URI.create(powerBi.baseUrl()), "tenant-1", "client-1", "s3cret/+=", GROUP, "Dispatch Gateway KPIs",
                "JobFactEvents", 10_000, 120, 5, Duration.ofSeconds(10),
                java.util.Map.of("bravo", new PowerBiProperties.Target(bravoGroup, "Bravo KPIs")));
        PowerBiPush tenants = new PowerBiPush(HttpClient.newHttpClient(), JSON, perTenant, clock);

        tenants.push(rows(1, 2, "bravo"));
        tenants.push(rows(3, 2, "acme"));

        JsonNode bravo = JSON.readTree(powerBi.findAll(postRequestedFor(urlEqualTo(bravoDatasets
                + "/ds-b/tables/JobFactEvents/rows"))).get(0).getBodyAsString());
        assertThat(bravo.path("rows").findValuesAsText("Tenant")).containsOnly("bravo");
        JsonNode rest = JSON.readTree(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS))).get(0).getBodyAsString());
        assertThat(rest.path("rows").findValuesAsText("Tenant")).containsOnly("acme");
        // Rows of two datasets are never sent as one push.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tenants.push(
                java.util.stream.Stream.concat(rows(5, 1, "bravo").stream(), rows(6, 1, "acme").stream()).toList()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSwaggerCheckCatchesARequestThatDrifted() {
        powerBi.stubFor(post(urlPathEqualTo(DATASETS + "/ds-1/tables/T/rows")).willReturn(aResponse().withStatus(200)));
        HttpClient http = HttpClient.newHttpClient();
        try {
            http.send(java.net.http.HttpRequest.newBuilder(URI.create(powerBi.baseUrl() + DATASETS
                            + "?defaultRetentionPolicy=forever"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"x\",\"mode\":\"Push\",\"tables\":[{\"name\":\"t\"}]}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<String> problems = swagger.violations(powerBi.getAllServeEvents().get(0).getRequest());
        assertThat(problems).anyMatch(p -> p.contains("defaultRetentionPolicy"))
                .anyMatch(p -> p.contains("$.mode is not declared")).anyMatch(p -> p.contains("columns"));
    }

    @Test
    void addsTheTableWhenTheDatasetExistsWithoutIt() {
        powerBi.stubFor(get(urlPathEqualTo(DATASETS)).willReturn(okJson(
                "{\"value\":[{\"id\":\"ds-1\",\"name\":\"Dispatch Gateway KPIs\"},{\"id\":\"ds-2\",\"name\":\"Other\"}]}")));
        powerBi.stubFor(get(urlPathEqualTo(DATASETS + "/ds-1/tables"))
                .willReturn(okJson("{\"value\":[{\"name\":\"Something else\"}]}")));
        powerBi.stubFor(put(urlPathEqualTo(DATASETS + "/ds-1/tables/JobFactEvents")).willReturn(okJson("{}")));

        push.push(rows(1, 1));
        push.push(rows(2, 1));

        assertThat(powerBi.findAll(postRequestedFor(urlPathEqualTo(DATASETS)))).isEmpty();
        assertThat(powerBi.getAllServeEvents()).filteredOn(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .singleElement().satisfies(e -> assertThat(swagger.violations(e.getRequest())).isEmpty());
        assertThat(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS)))).hasSize(2);
    }

    @Test
    void takesAtMostTenThousandRowsPerRequest() throws Exception {
        assertThatThrownBy(() -> push.push(rows(1, 10_001))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000");

        push.push(rows(1, 10_000));

        List<LoggedRequest> posts = powerBi.findAll(postRequestedFor(urlEqualTo(ROWS)));
        assertThat(posts).hasSize(1);
        assertThat(JSON.readTree(posts.get(0).getBodyAsString()).path("rows")).hasSize(10_000);
    }

    @Test
    void aThrottledPushWaitsForRetryAfterBeforeTheNextRequest() {
        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Rate limit exceeded\"}}")));

        assertThatThrownBy(() -> push.push(rows(1, 2))).isInstanceOfSatisfying(KpiPushException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("429", "Rate limit exceeded");
        });
        clock.advance(Duration.ofSeconds(3));
        assertThatThrownBy(() -> push.push(rows(1, 2))).isInstanceOfSatisfying(KpiPushException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
        assertThat(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS)))).hasSize(1);

        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(200)));
        clock.advance(Duration.ofSeconds(4));
        push.push(rows(1, 2));
        assertThat(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS)))).hasSize(2);
    }

    @Test
    void keepsToOneHundredTwentyRequestsPerMinute() {
        for (int i = 0; i < 120; i++) {
            push.push(rows(i, 1));
            clock.advance(Duration.ofMillis(250));
        }
        assertThatThrownBy(() -> push.push(rows(500, 1))).isInstanceOfSatisfying(KpiPushException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(e.refused()).isFalse();
        });
        assertThat(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS)))).hasSize(120);

        clock.advance(Duration.ofSeconds(30));
        push.push(rows(500, 1));
        assertThat(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS)))).hasSize(121);
    }

    @Test
    void hasAtMostFiveRequestsInFlight() throws Exception {
        push.dataset();
        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        ExecutorService callers = Executors.newFixedThreadPool(12);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int first = i * 10;
            calls.add(callers.submit(() -> push.push(rows(first, 10))));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        callers.shutdown();

        List<long[]> spans = powerBi.findAll(postRequestedFor(urlEqualTo(ROWS))).stream()
                .map(r -> new long[] {r.getLoggedDate().getTime(), r.getLoggedDate().getTime() + 300}).toList();
        assertThat(spans).hasSize(12);
        int most = 0;
        for (long[] span : spans) {
            long at = span[0];
            most = Math.max(most, (int) spans.stream().filter(s -> s[0] <= at && at < s[1] - 20).count());
        }
        assertThat(most).isBetween(2, 5);
    }

    @Test
    void anOutageKeepsTheRowsAndARefusalSaysSo() {
        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> push.push(rows(1, 2))).isInstanceOfSatisfying(KpiPushException.class, e -> {
            assertThat(e.refused()).isFalse();
            assertThat(e.retryAfter()).isNull();
            assertThat(e.getMessage()).contains("503");
        });

        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"Column 'Minutes' has a bad value\"}}")));
        assertThatThrownBy(() -> push.push(rows(1, 2))).isInstanceOfSatisfying(KpiPushException.class, e -> {
            assertThat(e.refused()).isTrue();
            assertThat(e.getMessage()).contains("Minutes");
        });
    }

    @Test
    void aRefusedDatasetCreationKeepsTheRowsForLater() {
        powerBi.stubFor(post(urlPathEqualTo(DATASETS)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"workspace is read-only\"}}")));
        assertThatThrownBy(() -> push.push(rows(1, 2))).isInstanceOfSatisfying(KpiPushException.class, e -> {
            assertThat(e.refused()).isFalse();
            assertThat(e.getMessage()).contains("dataset creation", "read-only");
        });
        assertThat(powerBi.findAll(postRequestedFor(urlEqualTo(ROWS)))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRenewedAfterA401() {
        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> push.push(rows(1, 1))).isInstanceOf(KpiPushException.class);
        powerBi.stubFor(post(urlEqualTo(ROWS)).willReturn(aResponse().withStatus(200)));
        push.push(rows(1, 1));

        assertThat(powerBi.findAll(postRequestedFor(urlPathMatching(".*/token")))).hasSize(2);
    }

    @Test
    void theSecretStaysOutOfTheSettingsText() {
        assertThat(new PowerBiProperties(true, URI.create("http://x"), URI.create("http://y"), "t", "c", "hush-hush",
                "w", "d", "t", 1, 1, 1, Duration.ofSeconds(1)).toString()).doesNotContain("hush-hush");
    }

    private static List<FactRow> rows(long first, int count) {
        return rows(first, count, "acme");
    }

    private static List<FactRow> rows(long first, int count, String tenant) {
        return LongStream.range(first, first + count).mapToObj(id -> new FactRow(id, "job-" + id, "assigned",
                Instant.parse("2026-11-23T16:00:00Z"), tenant, "north", "HVAC", "HIGH", "tech-7", "rule:auto-assign",
                12.5)).toList();
    }

    private static java.util.Map<String, String> form(String body) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
