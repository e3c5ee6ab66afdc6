package io.dispatchgateway.adapters.servicetitan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.dispatchgateway.core.model.CustomerTier;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WireMock ServiceTitan: the token endpoint and whatever a test stubs, with every API request checked against
 * the published OpenAPI documents when the test ends.
 */
final class ServiceTitanFake implements AutoCloseable {

    static final String TENANT = "1234567";

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    final List<Duration> waits = new ArrayList<>();
    private final OpenApiContract contract = new OpenApiContract();

    ServiceTitanFake() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/connect/token"))
                .willReturn(okJson("{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
        // No job types, business units or tags, and no staffing changes, unless a test says otherwise.
        for (String list : List.of(api("jpm", "/job-types"), api("settings", "/business-units"),
                api("settings", "/tag-types"))) {
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(list)).atPriority(10)
                    .willReturn(okJson("{\"page\": 1, \"pageSize\": 50, \"hasMore\": false, \"data\": []}")));
        }
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(
                api("dispatch", "/export/appointment-assignments"))).atPriority(10)
                .willReturn(okJson("{\"hasMore\": false, \"continueFrom\": \"token-0\", \"data\": []}")));
    }

    String api(String module, String path) {
        return "/" + module + "/v2/tenant/" + TENANT + path;
    }

    ServiceTitanProperties properties(int maxAttempts, int breakerThreshold) {
        URI base = URI.create(server.baseUrl());
        return new ServiceTitanProperties(true, base, base, TENANT, "client-1", "secret-1", "app-key-1",
                Duration.ofSeconds(30), 2, Duration.ofSeconds(5), maxAttempts,
                Duration.ofMillis(500), breakerThreshold, Duration.ofSeconds(30), CustomerTier.SILVER,
                URI.create("https://gateway.example.com"), 3, Duration.ofHours(1), 50, false, "default");
    }

    ServiceTitanClient client(ServiceTitanProperties properties, Clock clock) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new ServiceTitanClient(properties, mapper, HttpClient.newHttpClient(), waits::add, clock);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status);
    }

    /** Every API request the adapter sent conforms to ServiceTitan's documents. */
    void assertRequestsMatchTheSpecification() {
        List<String> problems = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            if (!event.getRequest().getUrl().startsWith("/connect/token")) {
                contract.violations(event.getRequest()).forEach(p -> problems.add(event.getRequest().getMethod()
                        + " " + event.getRequest().getUrl() + ": " + p));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Override
    public void close() {
        server.stop();
    }
}
