package io.dispatchgateway.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small real-HTTP client for tests against the running gateway, with HTTP Basic users. */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public GatewayClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> send(String method, String path, String user, String body) {
        return send(method, path, user, body, "application/json");
    }

    public HttpResponse<String> post(String path, String user, String body) {
        return send("POST", path, user, body);
    }

    /**
     * Sends an HTML form as a browser would: opens the page first (with the link's {@code token} when the form
     * carries one), then posts the fields with the CSRF token the page's form holds and the cookie it came with.
     */
    public HttpResponse<String> form(String path, String user, String fields) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("(?:^|&)token=([^&]*)").matcher(fields);
        String page = path.contains("?") || !token.find() ? path : path + "?token=" + token.group(1);
        return form(path, user, fields, csrf(page, user));
    }

    /** The CSRF token of a page's form and the cookie it came with, as a browser holds them after opening it. */
    public record FormToken(String value, String cookie) {}

    /** Opens {@code page} and keeps its form's CSRF token (null values when it has no form). */
    public FormToken csrf(String page, String user) {
        HttpResponse<String> shown = get(page, user);
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(shown.body());
        String cookie = shown.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElse(null);
        return new FormToken(value.find() ? value.group(1) : null, cookie);
    }

    /** POSTs an HTML form with the CSRF token of a page opened before ({@link #csrf}). */
    public HttpResponse<String> form(String path, String user, String fields, FormToken token) {
        String body = token.value() == null ? fields
                : fields + "&_csrf=" + java.net.URLEncoder.encode(token.value(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (token.cookie() != null) {
            request.header("Cookie", token.cookie());
        }
        basic(request, user);
        return exchange(request);
    }

    /** POSTs form fields without any CSRF token, as another site's page or a script would. */
    public HttpResponse<String> formWithoutToken(String path, String user, String fields) {
        return send("POST", path, user, fields, "application/x-www-form-urlencoded");
    }

    /** Sends {@code body} with the given {@code Content-Type} header, whatever it is. */
    public HttpResponse<String> send(String method, String path, String user, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        basic(request, user);
        return exchange(request);
    }

    /** Sends a request with {@code Authorization: Bearer token}. */
    public HttpResponse<String> bearer(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request);
    }

    /** HTTP Basic for {@code user} (test and demo users have their name as password); none for null. */
    private static void basic(HttpRequest.Builder request, String user) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String user) {
        return send("GET", path, user, null);
    }

    public JsonNode json(String path, String user) {
        return parse(get(path, user).body());
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid job for a roster customer; {@code summary} decides its classification. */
    public static String job(String externalId, String customerId, String summary) {
        return """
                {"externalId": "%s", "source": "test", "customerId": "%s", "summary": "%s",
                 "location": {"address": "1600 Glenarm Pl, Denver, CO", "lat": 39.7447, "lon": -104.9903},
                 "requiredParts": ["FLT-16X25"]}
                """.formatted(externalId, customerId, summary);
    }
}
