package io.dispatchgateway.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with the Teams adapter pointed at WireMock webhooks: a critical job's card is schema-valid, its
 * link opens the approval page and approving there assigns the technician; an approval left alone is escalated
 * to the managers' webhook.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class TeamsFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WireMockServer TEAMS = new WireMockServer(options().dynamicPort());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TEAMS.start();
        TEAMS.stubFor(post(urlPathEqualTo("/dispatchers")).willReturn(aResponse().withStatus(202)));
        TEAMS.stubFor(post(urlPathEqualTo("/managers")).willReturn(aResponse().withStatus(202)));
        TEAMS.stubFor(post(urlPathEqualTo("/technicians")).willReturn(aResponse().withStatus(202)));
        // Teams is down for the first request about job TEAMS-3, then recovers.
        TEAMS.stubFor(post(urlPathEqualTo("/dispatchers")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("TEAMS-3")).inScenario("outage")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.adapters.teams.enabled", () -> "true");
        registry.add("gateway.adapters.teams.approval-webhook-url", () -> TEAMS.baseUrl() + "/dispatchers");
        registry.add("gateway.adapters.teams.manager-webhook-url", () -> TEAMS.baseUrl() + "/managers");
        registry.add("gateway.adapters.teams.pack-webhook-url", () -> TEAMS.baseUrl() + "/technicians");
        registry.add("gateway.adapters.teams.link-secret", () -> "teams-flow-secret-0123456789abcdefghij");
        registry.add("gateway.adapters.teams.gateway-url", () -> "http://gateway.invalid");
        registry.add("gateway.approval.timeouts.CRITICAL", () -> "3s");
        registry.add("gateway.approval.check-interval", () -> "250ms");
        registry.add("gateway.approval.notice-resend-after", () -> "1s");
        registry.add("gateway.adapters.teams.max-attempts", () -> "1");
    }

    @AfterAll
    static void stop() {
        TEAMS.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void cardLinkApprovesAndAnUndecidedApprovalIsEscalatedToTheManagers() throws Exception {
        GatewayClient client = new GatewayClient(port);
        String approved = submit(client, "TEAMS-1");
        String waiting = submit(client, "TEAMS-2");

        JsonNode card = await().atMost(Duration.ofSeconds(10)).until(() -> cardFor("/dispatchers", approved),
                found -> found != null);
        assertThat(schema().validate(card)).isEmpty();
        String link = card.at("/actions/1/url").asText();
        assertThat(link).startsWith("http://gateway.invalid/approvals/");
        URI uri = URI.create(link);
        String path = uri.getRawPath() + "?" + uri.getRawQuery();

        assertThat(client.get(path, "dispatcher").body()).contains("Approve");
        String token = uri.getRawQuery().replaceAll(".*token=([^&]+).*", "$1");
        var decided = client.form(uri.getRawPath(), "dispatcher", "token=" + token + "&decision=APPROVE");
        assertThat(decided.statusCode()).isEqualTo(200);
        JsonNode job = await().atMost(Duration.ofSeconds(10)).until(() -> client.json("/api/v1/jobs/" + approved,
                "dispatcher"), found -> "ASSIGNED".equals(found.get("status").asText()));
        assertThat(job.at("/approval/decidedBy").asText()).isEqualTo("dispatcher");
        JsonNode pack = await().atMost(Duration.ofSeconds(10)).until(() -> cardFor("/technicians", approved),
                found -> found != null);
        assertThat(schema().validate(pack)).isEmpty();
        assertThat(pack.toString()).contains("Dispatch pack");
        // A channel every technician reads gets no signed link (technician-webhooks carry it to each one's chat).
        assertThat(pack.at("/actions/0/url").asText()).endsWith("/api/v1/jobs/" + approved).doesNotContain("token=");

        JsonNode escalation = await().atMost(Duration.ofSeconds(20)).until(() -> cardFor("/managers", waiting),
                found -> found != null);
        assertThat(schema().validate(escalation)).isEmpty();
        assertThat(escalation.toString()).contains("approval timeout", "has waited over");
        assertThat(client.json("/api/v1/jobs/" + waiting, "dispatcher").get("audit").toString())
                .contains("approval-escalated");
    }

    @Test
    void approvalRequestThatTeamsMissedIsSentAgain() {
        GatewayClient client = new GatewayClient(port);
        String id = submit(client, "TEAMS-3");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TEAMS.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/dispatchers"))
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("TEAMS-3"))))
                .hasSizeGreaterThanOrEqualTo(2));
        assertThat(client.json("/api/v1/jobs/" + id, "dispatcher").get("audit").toString())
                .contains("approval-notice-delayed");
    }

    private static String submit(GatewayClient client, String externalId) {
        return parse(client.post("/api/v1/jobs", "integration", job(externalId, "C-0059", "Gas leak in the basement"))
                .body()).get("id").asText();
    }

    /** The card posted to {@code webhook} that mentions {@code jobId}, or null. */
    private static JsonNode cardFor(String webhook, String jobId) throws Exception {
        List<LoggedRequest> requests = TEAMS.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo(webhook)));
        for (LoggedRequest request : requests) {
            JsonNode message = JSON.readTree(request.getBodyAsString());
            if (message.toString().contains(jobId)) {
                return message.at("/attachments/0/content");
            }
        }
        return null;
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = TeamsFlowIT.class.getResourceAsStream("/teams/adaptive-card-1.5.0.schema.json")) {
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            node.remove("id"); // the draft-04 "id" keyword the draft-06 validator does not know
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6).getSchema(node);
        }
    }
}
