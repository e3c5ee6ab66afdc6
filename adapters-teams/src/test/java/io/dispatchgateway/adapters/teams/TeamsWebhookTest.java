package io.dispatchgateway.adapters.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.port.EscalationChannel.Escalation;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TeamsWebhookTest {

    private final WireMockServer teams = new WireMockServer(options().dynamicPort());
    private final List<Duration> waits = new ArrayList<>();
    private final MovingClock clock = new MovingClock();
    private TeamsProperties properties;
    private TeamsChannels channels;

    TeamsWebhookTest() {
        teams.start();
        properties = new TeamsProperties(true, URI.create(teams.baseUrl() + "/dispatchers"),
                URI.create(teams.baseUrl() + "/managers"), null, URI.create("https://gateway.example.com"),
                ApprovalCardsTest.SECRET, Duration.ofHours(24), 4, 4, Duration.ofSeconds(1));
        ObjectMapper json = new ObjectMapper();
        TeamsWebhook webhook = new TeamsWebhook(HttpClient.newHttpClient(), json, properties, wait -> {
            waits.add(wait);
            clock.advance(wait);
        }, clock);
        channels = new TeamsChannels(webhook, new ApprovalCards(json, new ApprovalLinks(ApprovalCardsTest.SECRET),
                properties.gatewayUrl(), properties.linkValidity(), clock), properties);
    }

    @AfterEach
    void stop() {
        teams.stop();
    }

    @Test
    void approvalsGoToTheDispatchersAndEscalationsToTheManagersInTheDocumentedShape() {
        teams.stubFor(post(urlPathEqualTo("/dispatchers")).willReturn(aResponse().withStatus(202)));
        teams.stubFor(post(urlPathEqualTo("/managers")).willReturn(aResponse().withStatus(200).withBody("1")));

        channels.requestApproval(ApprovalCardsTest.request(3));
        channels.escalate(new Escalation("J-1", "approval-timeout", "nobody decided within 15 minutes"));

        teams.verify(postRequestedFor(urlPathEqualTo("/dispatchers"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("message")))
                .withRequestBody(matchingJsonPath("$.attachments[0].contentType",
                        equalTo("application/vnd.microsoft.card.adaptive")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.version", equalTo("1.5"))));
        teams.verify(postRequestedFor(urlPathEqualTo("/managers"))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.body[2].text",
                        equalTo("nobody decided within 15 minutes"))));
    }

    @Test
    void eachTenantsCardsGoToItsOwnChannelsAndTheRestToTheDefaultOnes() {
        for (String path : List.of("/dispatchers", "/managers", "/bravo-dispatchers", "/bravo-managers")) {
            teams.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(202)));
        }
        TeamsProperties perTenant = new TeamsProperties(true, URI.create(teams.baseUrl() + "/dispatchers"),
                URI.create(teams.baseUrl() + "/managers"), null, URI.create("https://gateway.example.com"),
                ApprovalCardsTest.SECRET, Duration.ofHours(24), 4, 4, Duration.ofSeconds(1), null,
                java.util.Map.of("bravo", new TeamsProperties.TenantChannels(
                        URI.create(teams.baseUrl() + "/bravo-dispatchers"),
                        URI.create(teams.baseUrl() + "/bravo-managers"))), false);
        ObjectMapper json = new ObjectMapper();
        TeamsChannels channels = new TeamsChannels(new TeamsWebhook(HttpClient.newHttpClient(), json, perTenant,
                wait -> clock.advance(wait), clock), new ApprovalCards(json,
                        new ApprovalLinks(ApprovalCardsTest.SECRET),
                perTenant.gatewayUrl(), perTenant.linkValidity(), clock), perTenant);
        var request = ApprovalCardsTest.request(2);
        var bravoJob = request.job();
        bravoJob = new io.dispatchgateway.core.model.Job(bravoJob.id(), "bravo", bravoJob.source(),
                bravoJob.externalId(), bravoJob.customerId(), bravoJob.summary(), bravoJob.description(),
                bravoJob.location(), bravoJob.territory(), bravoJob.reportedPriority(), bravoJob.requiredParts(),
                bravoJob.safetyImpactReported(), bravoJob.receivedAt());

        channels.requestApproval(new io.dispatchgateway.core.port.ApprovalChannel.ApprovalRequest(request.approval(),
                bravoJob, request.classification(), request.customer(), request.recommendation()));
        channels.requestApproval(request);
        channels.escalate(new Escalation("J-1", "sla-risk", "late", "bravo"));
        channels.escalate(new Escalation("J-2", "sla-risk", "late", "alpha"));

        teams.verify(1, postRequestedFor(urlPathEqualTo("/bravo-dispatchers")));
        teams.verify(1, postRequestedFor(urlPathEqualTo("/dispatchers")));
        teams.verify(1, postRequestedFor(urlPathEqualTo("/bravo-managers")));
        teams.verify(1, postRequestedFor(urlPathEqualTo("/managers")));
    }

    @Test
    void packsGoToEachTechniciansOwnChatWithTheLinkAndToTheSharedChannelWithout() {
        teams.stubFor(post(urlPathEqualTo("/technicians")).willReturn(aResponse().withStatus(202)));
        teams.stubFor(post(urlPathEqualTo("/chat-t1")).willReturn(aResponse().withStatus(202)));
        TeamsProperties packs = new TeamsProperties(true, URI.create(teams.baseUrl() + "/dispatchers"), null,
                URI.create(teams.baseUrl() + "/technicians"), URI.create("https://gateway.example.com"),
                ApprovalCardsTest.SECRET, Duration.ofHours(24), 4, 4, Duration.ofSeconds(1),
                java.util.Map.of("T-1", URI.create(teams.baseUrl() + "/chat-t1")), null, false);
        ObjectMapper json = new ObjectMapper();
        TeamsPackDelivery delivery = new TeamsPackDelivery(new TeamsWebhook(HttpClient.newHttpClient(), json, packs,
                wait -> clock.advance(wait), clock), new ApprovalCards(json,
                        new ApprovalLinks(ApprovalCardsTest.SECRET),
                packs.gatewayUrl(), packs.linkValidity(), clock), packs);

        delivery.deliver(ApprovalCardsTest.pack("T-1"));
        delivery.deliver(ApprovalCardsTest.pack("T-2"));
        TeamsChannels channels = new TeamsChannels(new TeamsWebhook(HttpClient.newHttpClient(), json, packs,
                wait -> clock.advance(wait), clock), new ApprovalCards(json,
                        new ApprovalLinks(ApprovalCardsTest.SECRET),
                packs.gatewayUrl(), packs.linkValidity(), clock), packs);
        channels.escalate(new Escalation("J-7", "technician-reminder", "report EN_ROUTE now", "default", "T-1"));
        teams.verify(2, postRequestedFor(urlPathEqualTo("/chat-t1")));

        teams.verify(1, postRequestedFor(urlPathEqualTo("/chat-t1")).withRequestBody(matchingJsonPath(
                "$.attachments[0].content.actions[0].url",
                        equalTo("https://gateway.example.com/packs/J-7?token=abc"))));
        // Everyone in the shared channel could open a signed link: the card opens the job behind a login instead.
        teams.verify(1, postRequestedFor(urlPathEqualTo("/technicians")).withRequestBody(matchingJsonPath(
                "$.attachments[0].content.actions[0].url", equalTo("https://gateway.example.com/api/v1/jobs/J-7"))));
        assertThat(packs.toString()).doesNotContain(teams.baseUrl());
    }

    @Test
    void aReminderForTheTechnicianGoesToTheTechniciansChannelWhenThereIsOne() {
        teams.stubFor(post(urlPathEqualTo("/technicians")).willReturn(aResponse().withStatus(202)));
        teams.stubFor(post(urlPathEqualTo("/managers")).willReturn(aResponse().withStatus(202)));
        TeamsProperties withTechnicians = new TeamsProperties(true, URI.create(teams.baseUrl() + "/dispatchers"),
                URI.create(teams.baseUrl() + "/managers"), URI.create(teams.baseUrl() + "/technicians"),
                URI.create("https://gateway.example.com"), ApprovalCardsTest.SECRET, Duration.ofHours(24), 4, 4,
                Duration.ofSeconds(1));
        ObjectMapper json = new ObjectMapper();
        TeamsChannels both = new TeamsChannels(new TeamsWebhook(HttpClient.newHttpClient(), json, withTechnicians,
                wait -> clock.advance(wait), clock), new ApprovalCards(json,
                        new ApprovalLinks(ApprovalCardsTest.SECRET),
                withTechnicians.gatewayUrl(), withTechnicians.linkValidity(), clock), withTechnicians);

        both.escalate(new Escalation("J-2", "technician-reminder", "report EN_ROUTE now"));
        both.escalate(new Escalation("J-2", "supervisor-escalation", "not started"));

        teams.verify(1, postRequestedFor(urlPathEqualTo("/technicians")));
        teams.verify(1, postRequestedFor(urlPathEqualTo("/managers")));
    }

    @Test
    void noMoreThanFourMessagesASecondPerWebhook() {
        teams.stubFor(post(urlPathEqualTo("/managers")).willReturn(aResponse().withStatus(200)));

        for (int i = 0; i < 6; i++) {
            channels.escalate(new Escalation("J-" + i, "sla-risk", "late"));
        }

        // The first goes at once; each further one waits for its 250 ms slot.
        assertThat(waits).hasSize(5).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofMillis(250)));
        teams.verify(6, postRequestedFor(urlPathEqualTo("/managers")));
    }

    @Test
    void throttlingAsA429OrAsA200SayingSoIsRetriedWithBackOff() {
        teams.stubFor(post(urlPathEqualTo("/managers")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("soft"));
        teams.stubFor(post(urlPathEqualTo("/managers")).inScenario("throttle").whenScenarioStateIs("soft")
                .willReturn(aResponse().withStatus(200).withBody(
                        "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429"
                                + " with ContextId tcid=0"))
                .willSetStateTo("fine"));
        teams.stubFor(post(urlPathEqualTo("/managers")).inScenario("throttle").whenScenarioStateIs("fine")
                .willReturn(aResponse().withStatus(200).withBody("1")));

        channels.escalate(new Escalation("J-1", "sla-risk", "late"));

        teams.verify(3, postRequestedFor(urlPathEqualTo("/managers")));
        assertThat(waits).contains(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void outageIsRetriedAndAFailureThatOutlastsTheRetriesIsNotSwallowed() {
        teams.stubFor(post(urlPathEqualTo("/managers")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> channels.escalate(new Escalation("J-1", "sla-risk", "late")))
                .hasMessageContaining("after 4 attempts");
        teams.verify(4, postRequestedFor(urlPathEqualTo("/managers")));

        teams.stubFor(post(urlPathEqualTo("/managers")).willReturn(aResponse().withStatus(200)));
        channels.escalate(new Escalation("J-1", "sla-risk", "late"));
        teams.verify(5, postRequestedFor(urlPathEqualTo("/managers")));
    }

    @Test
    void messagesOverTwentyEightKilobytesAreRefusedBeforeSending() {
        ObjectNode huge = new ObjectMapper().createObjectNode().put("text", "x".repeat(30_000));
        TeamsWebhook webhook = new TeamsWebhook(HttpClient.newHttpClient(), new ObjectMapper(), properties,
                waits::add, clock);

        assertThatThrownBy(() -> webhook.post(properties.managerWebhook(), huge)).hasMessageContaining("28672");
        assertThat(teams.getAllServeEvents()).isEmpty();
    }

    /** A clock the recorded waits move forward, so rate limiting is checked without sleeping. */
    private static final class MovingClock extends Clock {
        private Instant now = ApprovalCardsTest.NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
