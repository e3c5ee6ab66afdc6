package io.dispatchgateway.adapters.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.model.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts messages to Teams webhooks within Teams' limits: at most {@code messagesPerSecond} per webhook
 * (spaced on the client), messages over 28 KB refused before sending, and throttling recognised both as HTTP
 * 429 and as a 200 whose body says "HTTP error 429"; throttled and failed posts are retried with doubling
 * back-off. A post that still fails throws, so the caller keeps the message.
 */
public class TeamsWebhook {

    /** Waits between attempts and for the rate limit; tests record the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TeamsWebhook.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final TeamsProperties properties;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Map<URI, Instant> nextSlot = new HashMap<>();

    public TeamsWebhook(HttpClient http, ObjectMapper json, TeamsProperties properties, Sleeper sleeper, Clock clock) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public void post(URI webhook, ObjectNode message) {
        String body;
        try {
            body = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the Teams message", e);
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ApprovalCards.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("the Teams message is " + bytes + " bytes, over Teams' limit of "
                    + ApprovalCards.MAX_MESSAGE_BYTES);
        }
        String problem = null;
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            waitForSlot(webhook);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook)
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                String answer = response.body() == null ? "" : response.body();
                if (status >= 200 && status < 300 && !answer.contains("HTTP error 429")) {
                    return;
                }
                if (status >= 400 && status < 500 && status != 429 && status != 408) {
                    throw new IllegalStateException("Teams refused the message with " + status);
                }
                problem = status == 429 || answer.contains("HTTP error 429") ? "throttled" : "answered " + status;
            } catch (IOException e) {
                problem = "unreachable: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while posting to Teams", e);
            }
            Duration wait = new Backoff(properties.initialBackoff(), properties.initialBackoff().multipliedBy(256))
                    .before(attempt);
            LOG.warn("Teams webhook {} (attempt {} of {}); retrying in {}", problem, attempt, properties.maxAttempts(),
                    wait);
            pause(wait);
        }
        throw new IllegalStateException("Teams webhook " + problem + " after " + properties.maxAttempts()
                + " attempts");
    }

    private synchronized void waitForSlot(URI webhook) {
        Duration spacing = Duration.ofMillis(1000 / properties.messagesPerSecond());
        Instant now = clock.instant();
        Instant slot = nextSlot.getOrDefault(webhook, now);
        if (slot.isAfter(now)) {
            pause(Duration.between(now, slot));
            now = slot;
        }
        nextSlot.put(webhook, now.plus(spacing));
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Teams", e);
        }
    }
}
