package io.dispatchgateway.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dispatchgateway.clients.Breakers;
import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelCustomerUpdatesTest {

    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    /** 14:30 in Denver. */
    private static final Instant ETA = Instant.parse("2026-11-23T21:30:00Z");
    private static final CustomerUpdateDrafter TEMPLATES = update -> "Hello " + update.customerName()
            + ", your technician is running late. The new expected arrival is Monday 23 November, 14:30.";

    private final WireMockServer model = new WireMockServer(options().dynamicPort());
    private final ObjectMapper json = new ObjectMapper();
    private final ModelCustomerUpdates drafts;

    ModelCustomerUpdatesTest() {
        model.start();
        LlmProperties properties = new LlmProperties(true, URI.create(model.baseUrl() + "/v1"), "gpt-4o-mini", null,
                LlmProperties.Auth.BEARER, null, Duration.ofSeconds(5), List.of("default"), true, true, true, 4000, 3,
                Duration.ofMinutes(1));
        CircuitBreaker breaker = CircuitBreaker.of("llm", Breakers.afterFailuresInARow(3, Duration.ofMinutes(1),
                Clock.systemUTC()));
        drafts = new ModelCustomerUpdates(TEMPLATES, new ChatCompletions(properties, HttpClient.newHttpClient(), json,
                breaker), properties, json);
    }

    @AfterEach
    void stop() {
        model.stop();
    }

    @Test
    void theModelsTextStandsWhenItKeepsTheArrivalTime() {
        String text = "Hello W. Whitfield, traffic has slowed your technician down; they now expect to be with you"
                + " at 14:30 on Monday 23 November. Thank you for your patience.";
        answer(text);

        assertThat(drafts.draft(update("default"))).isEqualTo(text);
        assertThat(drafts.name()).isEqualTo("model:gpt-4o-mini");
        model.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("{\"reason\":\"DELAYED\","
                        + "\"draft\":\"" + TEMPLATES.draft(update("default")) + "\",\"arrivalTime\":\"14:30\"}"))));
    }

    @Test
    void aTextThatLosesTheTimeOrAddsALinkOrAFailureKeepsTheTemplate() {
        String template = TEMPLATES.draft(update("default"));
        answer("Hello, your technician will be there this afternoon.");
        assertThat(drafts.draft(update("default"))).isEqualTo(template);

        model.resetAll();
        answer("Hello, your technician arrives at 14:30; track them at https://example.invalid/t/1.");
        assertThat(drafts.draft(update("default"))).isEqualTo(template);

        model.resetAll();
        model.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
        assertThat(drafts.draft(update("default"))).isEqualTo(template);
    }

    @Test
    void aTenantNotListedGetsTheTemplateAndNothingIsSent() {
        answer("Hello, your technician now arrives at 14:30. Sorry for the wait.");

        assertThat(drafts.draft(update("other-client"))).isEqualTo(TEMPLATES.draft(update("other-client")));
        model.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    private static CustomerUpdateDrafter.Update update(String tenant) {
        return new CustomerUpdateDrafter.Update(tenant, "J-1", "W. Whitfield", "DELAYED", ETA, DENVER);
    }

    private void answer(String content) {
        ModelClassifierTest.answerWith(model, json, content);
    }
}
