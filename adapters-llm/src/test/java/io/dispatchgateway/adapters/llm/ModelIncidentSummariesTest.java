package io.dispatchgateway.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dispatchgateway.clients.Breakers;
import io.dispatchgateway.core.port.IncidentSummarizer.Incident;
import io.dispatchgateway.core.port.IncidentSummarizer.Summary;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelIncidentSummariesTest {

    private final WireMockServer model = new WireMockServer(options().dynamicPort());
    private final ObjectMapper json = new ObjectMapper();

    ModelIncidentSummariesTest() {
        model.start();
    }

    @AfterEach
    void stop() {
        model.stop();
    }

    @Test
    void aShortSummaryWithoutALinkIsKept() {
        answer("The rooftop unit blows warm air and the server room is at 31 C; check the condenser first.");

        Summary summary = summaries(true).summarize(incident("default"));

        assertThat(summary.failure()).isNull();
        assertThat(summary.text()).startsWith("The rooftop unit blows warm air");
        assertThat(summary.prompt()).contains("incident summary", "server room");
    }

    @Test
    void tooLongOrLinkedSummariesAndUnlistedTenantsAreRefused() {
        answer("x".repeat(401));
        assertThat(summaries(true).summarize(incident("default")).failure())
                .isEqualTo("the summary is 401 characters (20 to 400 allowed)");

        model.resetAll();
        answer("See https://example.invalid/manual for the unit's manual before you go.");
        assertThat(summaries(true).summarize(incident("default")).failure()).isEqualTo("the summary contains a link");

        model.resetAll();
        assertThat(summaries(true).serves("other-client")).isFalse();
        assertThat(summaries(true).summarize(incident("other-client")).text()).isNull();
        model.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void offUnlessPackSummariesAreAskedFor() {
        assertThat(summaries(false).serves("default")).isFalse();
    }

    private ModelIncidentSummaries summaries(boolean packSummaries) {
        LlmProperties properties = new LlmProperties(true, URI.create(model.baseUrl() + "/v1"), "gpt-4o-mini", null,
                LlmProperties.Auth.BEARER, null, Duration.ofSeconds(5), List.of("default"), true, true,
                packSummaries, 4000, 3, Duration.ofMinutes(1));
        CircuitBreaker breaker = CircuitBreaker.of("llm", Breakers.afterFailuresInARow(3, Duration.ofMinutes(1),
                Clock.systemUTC()));
        return new ModelIncidentSummaries(new ChatCompletions(properties, HttpClient.newHttpClient(), json, breaker),
                properties, json);
    }

    private static Incident incident(String tenant) {
        return new Incident(tenant, "J-1", "Roof unit blowing warm air", "The server room is at 31 C.",
                "HVAC_COOLING");
    }

    private void answer(String content) {
        ModelClassifierTest.answerWith(model, json, content);
    }
}
