package io.dispatchgateway.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Teams as the gateways in child processes see it: three channel webhooks (dispatchers, managers,
 * technicians) answering 202 as a Workflows webhook does, and every card they received, keyed by the effect it
 * carries, so a test counts what was sent once, twice or never.
 */
final class TeamsFake implements AutoCloseable {

    /** One card as received: when, on which channel, and the effect it carries. */
    record Card(Instant at, String channel, String key) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern APPROVAL = Pattern.compile("/approvals/([^?]+)\\?token=");

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    TeamsFake() {
        server.start();
        for (String channel : List.of("dispatchers", "managers", "technicians")) {
            server.stubFor(post(urlPathEqualTo("/" + channel)).willReturn(aResponse().withStatus(202)));
        }
    }

    /** The gateway's settings for this fake (a fast rate limit: the test is not about Teams' throttling). */
    List<String> gatewayArguments() {
        String base = "http://localhost:" + server.port();
        return List.of("--gateway.adapters.teams.enabled=true",
                "--gateway.adapters.teams.approval-webhook-url=" + base + "/dispatchers",
                "--gateway.adapters.teams.manager-webhook-url=" + base + "/managers",
                "--gateway.adapters.teams.pack-webhook-url=" + base + "/technicians",
                "--gateway.adapters.teams.link-secret=crash-test-link-secret-0123456789abcdef",
                "--gateway.adapters.teams.messages-per-second=200");
    }

    /**
     * Every card received, keyed: an approval request by approval id, an escalation by job, kind and text, a
     * dispatch pack by job and technician, a plan review by proposal.
     */
    List<Card> cards() {
        List<Card> cards = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            String channel = event.getRequest().getUrl().substring(1);
            cards.add(new Card(event.getRequest().getLoggedDate().toInstant(), channel,
                    key(channel, event.getRequest().getBodyAsString())));
        }
        return cards;
    }

    /** The keys received more than once, with the first time each was received. */
    Map<String, Instant> sentTwice() {
        Map<String, Instant> first = new HashMap<>();
        Map<String, Instant> twice = new HashMap<>();
        for (Card card : cards()) {
            Instant earlier = first.putIfAbsent(card.key(), card.at());
            if (earlier != null) {
                twice.merge(card.key(), earlier, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return twice;
    }

    private static String key(String channel, String body) {
        JsonNode card;
        try {
            card = JSON.readTree(body).at("/attachments/0/content");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String title = card.at("/body/0/text").asText();
        if (title.startsWith("Approval needed")) {
            Matcher approval = APPROVAL.matcher(card.at("/actions/0/url").asText());
            return "approval " + (approval.find() ? approval.group(1) : body);
        }
        if (title.startsWith("Dispatch pack")) {
            return "pack " + fact(card, "Job") + " " + fact(card, "Technician");
        }
        if (title.startsWith("Plan optimization")) {
            return "plan " + fact(card, "Proposal");
        }
        return channel + " " + title + " " + fact(card, "Job") + " " + card.at("/body/2/text").asText();
    }

    private static String fact(JsonNode card, String title) {
        for (JsonNode block : card.get("body")) {
            for (JsonNode fact : block.path("facts")) {
                if (fact.get("title").asText().equals(title)) {
                    return fact.get("value").asText();
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop();
    }
}
