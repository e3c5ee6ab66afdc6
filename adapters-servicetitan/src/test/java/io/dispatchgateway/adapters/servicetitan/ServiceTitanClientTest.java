package io.dispatchgateway.adapters.servicetitan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.dispatchgateway.adapters.servicetitan.dto.StCustomer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTitanClientTest {

    private static final String CUSTOMER = """
            {"id": %d, "active": true, "name": "Customer %d", "type": "Commercial", "address": null,
             "modifiedOn": "2026-11-20T10:00:00Z"}""";

    private final ServiceTitanFake fake = new ServiceTitanFake();
    private final ServiceTitanClient client = fake.client(fake.properties(4, 3), Clock.systemUTC());

    @AfterEach
    void checkAndStop() {
        fake.assertRequestsMatchTheSpecification();
        fake.close();
    }

    @Test
    void everyCallCarriesTheAppKeyAndTheBearerOfAClientCredentialsToken() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).willReturn(okJson(page(1, false, 1))));

        List<StCustomer> customers = client.getAll("crm", "/customers", Map.of(), StCustomer.class);

        assertThat(customers).extracting(StCustomer::name).containsExactly("Customer 1");
        fake.server.verify(postRequestedFor(urlPathEqualTo("/connect/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&client_id=client-1&client_secret=secret-1")));
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers")))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("ST-App-Key", equalTo("app-key-1")));
    }

    @Test
    void everyPageIsFollowedUntilHasMoreIsFalse() {
        for (int page = 1; page <= 3; page++) {
            fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers")))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(okJson(page(page, page < 3, page * 2 - 1, page * 2))));
        }

        List<StCustomer> customers = client.getAll("crm", "/customers", Map.of("active", "True"), StCustomer.class);

        assertThat(customers).extracting(StCustomer::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        fake.server.verify(3, getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers")))
                .withQueryParam("pageSize", equalTo("2")));
    }

    @Test
    void tokenIsTakenOnceAndRenewedOnceAfterA401() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("expiry")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(page(1, false, 1)))
                .willSetStateTo("expired"));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("expiry")
                .whenScenarioStateIs("expired").willReturn(ServiceTitanFake.status(401)).willSetStateTo("renewed"));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("expiry")
                .whenScenarioStateIs("renewed").willReturn(okJson(page(1, false, 2))));

        client.getAll("crm", "/customers", Map.of(), StCustomer.class);
        List<StCustomer> afterExpiry = client.getAll("crm", "/customers", Map.of(), StCustomer.class);

        assertThat(afterExpiry).extracting(StCustomer::id).containsExactly(2L);
        fake.server.verify(2, postRequestedFor(urlPathEqualTo("/connect/token")));
        assertThat(fake.waits).isEmpty();
    }

    @Test
    void aRefusedTokenRequestNamesTheSettingsToCheckAndNeverTheSecret() {
        fake.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));

        assertThatThrownBy(() -> client.getAll("crm", "/customers", Map.of(), StCustomer.class))
                .isInstanceOf(ServiceTitanUnavailableException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("gateway.adapters.servicetitan.client-id")
                .message().doesNotContain("secret-1");
        fake.server.verify(0, getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers"))));
    }

    @Test
    void aTokenEndpointThatFailsIsAnOutageNotACredentialsProblem() {
        fake.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.getAll("crm", "/customers", Map.of(), StCustomer.class))
                .isInstanceOf(ServiceTitanUnavailableException.class)
                .hasMessageContaining("token request failed: answered 503")
                .message().doesNotContain("client-id");
    }

    @Test
    void aTokenEndpointThatRefusesWithoutAnOAuth2AnswerIsACredentialsProblem() {
        fake.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.getAll("crm", "/customers", Map.of(), StCustomer.class))
                .isInstanceOf(ServiceTitanUnavailableException.class)
                .hasMessageContaining("token request refused (answered 401)")
                .hasMessageContaining("gateway.adapters.servicetitan.client-id");
    }

    @Test
    void a401WithAFreshTokenIsAnOutageToRetryNotARefusal() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).willReturn(ServiceTitanFake.status(401)));

        assertThatThrownBy(() -> client.getAll("crm", "/customers", Map.of(), StCustomer.class))
                .isInstanceOf(ServiceTitanUnavailableException.class).hasMessageContaining("gave up");
        fake.server.verify(2, postRequestedFor(urlPathEqualTo("/connect/token")));
    }

    @Test
    void aShortLivedTokenIsKeptNotFetchedForEveryCall() {
        fake.server.stubFor(post(urlPathEqualTo("/connect/token"))
                .willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":60}")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).willReturn(okJson(page(1, false, 1))));

        for (int i = 0; i < 3; i++) {
            client.getAll("crm", "/customers", Map.of(), StCustomer.class);
        }

        fake.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token")));
    }

    @Test
    void throttledCallWaitsAsLongAsRetryAfterSays() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ServiceTitanFake.status(429).withHeader("Retry-After", "7")).willSetStateTo("calm"));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("throttle")
                .whenScenarioStateIs("calm").willReturn(okJson(page(1, false, 1))));

        assertThat(client.getAll("crm", "/customers", Map.of(), StCustomer.class)).hasSize(1);

        assertThat(fake.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterHoldsTheOtherCallsOfTheClientToo() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ServiceTitanFake.status(429).withHeader("Retry-After", "30")).willSetStateTo("calm"));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("throttle")
                .whenScenarioStateIs("calm").willReturn(okJson(page(1, false, 1))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/locations"))).willReturn(okJson(page(1, false, 1))));

        client.getAll("crm", "/customers", Map.of(), StCustomer.class);
        // The test's sleeper does not sleep: the 30 s are still ahead when the next call starts, and it waits too.
        client.getAll("crm", "/locations", Map.of(), StCustomer.class);

        assertThat(fake.waits).hasSize(2);
        assertThat(fake.waits.get(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(fake.waits.get(1)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    }

    @Test
    void burstOf5xxIsRetriedWithExponentialBackOff() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("burst")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(ServiceTitanFake.status(503)).willSetStateTo("2"));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("burst")
                .whenScenarioStateIs("2").willReturn(ServiceTitanFake.status(502)).willSetStateTo("3"));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).inScenario("burst")
                .whenScenarioStateIs("3").willReturn(okJson(page(1, false, 1))));

        assertThat(client.getAll("crm", "/customers", Map.of(), StCustomer.class)).hasSize(1);

        assertThat(fake.waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void everyThreadDrawsFromOneRateBudgetAndNothingIsSentBeyondIt() throws Exception {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).willReturn(okJson(page(1, false, 1))));
        // A budget of 4 requests that does not refill during the test, and no waiting for a turn.
        ServiceTitanClient budgeted = new ServiceTitanClient(fake.properties(4, 3), new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()),
                java.net.http.HttpClient.newHttpClient(), fake.waits::add, Clock.systemUTC(),
                io.github.resilience4j.ratelimiter.RateLimiter.of("test", io.github.resilience4j.ratelimiter
                        .RateLimiterConfig.custom().limitForPeriod(4).limitRefreshPeriod(Duration.ofHours(1))
                        .timeoutDuration(Duration.ZERO).build()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(pool.submit(() -> budgeted.getAll("crm", "/customers", Map.of(), StCustomer.class)));
        }
        int refused = 0;
        for (var call : calls) {
            try {
                call.get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ServiceTitanUnavailableException.class)
                        .hasMessageContaining("budget of 50 requests per second");
                refused++;
            }
        }
        pool.shutdown();

        assertThat(refused).isEqualTo(2);
        fake.server.verify(4, getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers"))));
    }

    @Test
    void aWriteThatMetA5xxIsNotSentAgainItMayHaveLanded() {
        fake.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(fake.api("jpm",
                "/jobs/9001/notes"))).willReturn(ServiceTitanFake.status(503)));

        assertThatThrownBy(() -> client.post("jpm", "/jobs/9001/notes",
                new io.dispatchgateway.adapters.servicetitan.dto.JobNoteCreateRequest("text", false)))
                .isInstanceOf(ServiceTitanUnavailableException.class).hasMessageContaining("not sent again");
        fake.server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(
                fake.api("jpm", "/jobs/9001/notes"))));
    }

    @Test
    void refusalIsNotRetriedAndCarriesServiceTitansMessageAndTraceId() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).willReturn(ServiceTitanFake.status(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.1\",\"title\":\"One or more"
                        + " validation errors occurred.\",\"status\":400,\"traceId\":\"00-abc-01\",\"errors\":"
                        + "{\"pageSize\":[\"The field pageSize must be between 1 and 5000.\"]}}")));

        assertThatThrownBy(() -> client.getAll("crm", "/customers", Map.of(), StCustomer.class))
                .isInstanceOf(ServiceTitanApiException.class)
                .hasMessageContaining("One or more validation errors occurred.")
                .hasMessageContaining("pageSize")
                .hasMessageContaining("traceId 00-abc-01");
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers"))));
    }

    @Test
    void repeatedOutagesOpenTheBreakerSoServiceTitanIsNotHammered() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).willReturn(ServiceTitanFake.status(503)));

        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> client.getAll("crm", "/customers", Map.of(), StCustomer.class))
                    .isInstanceOf(ServiceTitanUnavailableException.class).hasMessageContaining("gave up");
        }
        assertThatThrownBy(() -> client.getAll("crm", "/customers", Map.of(), StCustomer.class))
                .isInstanceOf(ServiceTitanUnavailableException.class).hasMessageContaining("circuit breaker open");

        fake.server.verify(12, getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers"))));
        assertThat(client.breakerOpen()).isTrue();
    }

    static String page(int page, boolean hasMore, int... ids) {
        StringBuilder data = new StringBuilder();
        for (int id : ids) {
            if (!data.isEmpty()) {
                data.append(',');
            }
            data.append(CUSTOMER.formatted(id, id));
        }
        return "{\"page\":" + page + ",\"pageSize\":2,\"hasMore\":" + hasMore + ",\"totalCount\":null,\"data\":["
                + data + "]}";
    }
}
