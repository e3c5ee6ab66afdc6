package io.dispatchgateway.adapters.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.port.KpiPush.KpiPushException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Entra ID access tokens for the Power BI API by the client-credentials grant, kept until a minute before they
 * expire and dropped when Power BI answers 401.
 */
class EntraTokens {

    static final String SCOPE = "https://analysis.windows.net/powerbi/api/.default";

    private final HttpClient http;
    private final ObjectMapper json;
    private final PowerBiProperties properties;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    EntraTokens(HttpClient http, ObjectMapper json, PowerBiProperties properties, Clock clock) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    synchronized String current() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    synchronized void forget() {
        token = null;
    }

    private void fetch() {
        URI uri = URI.create(properties.authorityUrl().toString().replaceAll("/$", "") + "/"
                + properties.tenantId() + "/oauth2/v2.0/token");
        String form = "grant_type=client_credentials&client_id=" + encode(properties.clientId()) + "&client_secret="
                + encode(properties.clientSecret()) + "&scope=" + encode(SCOPE);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(properties.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new KpiPushException("Entra ID refused the Power BI token with " + response.statusCode()
                        + " (check gateway.adapters.powerbi.tenant-id, client-id and client-secret)", null, false);
            }
            JsonNode answer = json.readTree(response.body());
            token = answer.path("access_token").asText(null);
            if (token == null) {
                throw new KpiPushException("Entra ID answered without an access_token", null, false);
            }
            long seconds = answer.path("expires_in").asLong(3600);
            renewAt = clock.instant().plus(Duration.ofSeconds(Math.max(0, seconds - 60)));
        } catch (IOException e) {
            throw new KpiPushException("Entra ID unreachable: " + e.getMessage(), null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpiPushException("interrupted while fetching a Power BI token", null, false);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
