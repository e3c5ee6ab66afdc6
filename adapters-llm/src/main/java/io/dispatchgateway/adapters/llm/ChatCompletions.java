package io.dispatchgateway.adapters.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One OpenAI-compatible {@code POST <base-url>/chat/completions} with a structured answer ({@code response_format}
 * of type {@code json_schema}, strict): the first choice's message content, or why there is none. A timeout,
 * 429, 5xx or lost connection is an outage that counts towards the breaker and is never retried here: the
 * caller falls back to its rules or templates at once.
 */
final class ChatCompletions {

    /** What came back: the whole body, and the message content to read. */
    record Reply(String body, String content) {}

    private final LlmProperties properties;
    private final HttpClient http;
    private final ObjectMapper json;
    private final CircuitBreaker breaker;

    ChatCompletions(LlmProperties properties, HttpClient http, ObjectMapper json, CircuitBreaker breaker) {
        this.properties = properties;
        this.http = http;
        this.json = json;
        this.breaker = breaker;
    }

    String model() {
        return properties.model();
    }

    /** The request body for a system and a user message; {@code schema} null asks for plain text. */
    String request(String system, String user, String schemaName, JsonNode schema) {
        ObjectNode request = json.createObjectNode();
        request.put("model", properties.model());
        request.put("temperature", 0);
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        if (schema != null) {
            ObjectNode format = request.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode jsonSchema = format.putObject("json_schema");
            jsonSchema.put("name", schemaName);
            jsonSchema.put("strict", true);
            jsonSchema.set("schema", schema);
        }
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat request could not be written", e);
        }
    }

    Reply send(String requestBody) throws ModelCallException {
        if (!breaker.tryAcquirePermission()) {
            throw new ModelCallException("not asked: " + properties.breakerThreshold() + " calls in a row failed,"
                    + " the breaker is open", null, false);
        }
        HttpResponse<String> response;
        try {
            response = call(requestBody);
        } catch (ModelCallException e) {
            breaker.onError(0, TimeUnit.NANOSECONDS, e);
            throw e;
        } catch (RuntimeException e) {
            // A request that cannot even be built (a header value the client refuses, say): counted, so a
            // half-open breaker never waits forever; its message is not repeated, it may quote a header.
            breaker.onError(0, TimeUnit.NANOSECONDS, e);
            throw new ModelCallException("the request could not be made (" + e.getClass().getSimpleName()
                    + "): check gateway.llm.base-url and gateway.llm.api-key", null, true);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            ModelCallException e = new ModelCallException("the provider answered " + status
                    + (status == 429 ? " (rate limited)" : ""), response.body(), true);
            breaker.onError(0, TimeUnit.NANOSECONDS, e);
            throw e;
        }
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        if (status != 200) {
            throw new ModelCallException("the provider answered " + status + (status == 401 || status == 403
                    ? ": check gateway.llm.api-key and gateway.llm.auth" : ""), response.body(), false);
        }
        return new Reply(response.body(), content(response.body()));
    }

    private HttpResponse<String> call(String requestBody) throws ModelCallException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody));
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            if (properties.auth() == LlmProperties.Auth.API_KEY) {
                request.header("api-key", properties.apiKey());
            } else {
                request.header("Authorization", "Bearer " + properties.apiKey());
            }
        }
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            // The whole answer, body included, within the timeout.
            return pending.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ModelCallException("no answer within " + properties.timeout().toMillis() + " ms", null, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof java.net.http.HttpTimeoutException
                    ? "no answer within " + properties.timeout().toMillis() + " ms"
                    : "the provider is unreachable: " + (cause instanceof IOException && cause.getMessage() != null
                            ? cause.getMessage() : cause.getClass().getSimpleName());
            throw new ModelCallException(why, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new ModelCallException("interrupted while waiting for the model", null, true);
        }
    }

    private String content(String body) throws ModelCallException {
        JsonNode choice;
        try {
            choice = json.readTree(body).path("choices").path(0);
        } catch (IOException e) {
            throw new ModelCallException("the answer is not JSON", body, false);
        }
        JsonNode message = choice.path("message");
        if (message.hasNonNull("refusal") && !message.path("refusal").asText().isBlank()) {
            throw new ModelCallException("the model refused: " + message.path("refusal").asText(), body, false);
        }
        String finish = choice.path("finish_reason").asText("");
        if (finish.equals("length")) {
            throw new ModelCallException("the answer was cut at the model's token limit", body, false);
        }
        if (finish.equals("content_filter")) {
            throw new ModelCallException("the provider's content filter stopped the answer", body, false);
        }
        if (!message.path("content").isTextual() || message.path("content").asText().isBlank()) {
            throw new ModelCallException("the answer has no message content", body, false);
        }
        return message.path("content").asText();
    }

    private URI endpoint() {
        String base = properties.baseUrl().toString().replaceAll("/+$", "");
        String version = properties.apiVersion() == null || properties.apiVersion().isBlank() ? ""
                : "?api-version=" + URLEncoder.encode(properties.apiVersion(), StandardCharsets.UTF_8);
        return URI.create(base + "/chat/completions" + version);
    }
}
