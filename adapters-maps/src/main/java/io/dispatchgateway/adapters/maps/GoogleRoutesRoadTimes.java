package io.dispatchgateway.adapters.maps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Google Routes API {@code distanceMatrix/v2:computeRouteMatrix}: origins and one destination, the API key in
 * {@code X-Goog-Api-Key} and a field mask that includes {@code status} and {@code condition}, so a failed or
 * routeless element is recognised instead of looking like a zero-length trip.
 */
final class GoogleRoutesRoadTimes implements RoadTimeProvider {

    static final String FIELD_MASK = "originIndex,destinationIndex,status,condition,distanceMeters,duration";

    private final MapsProperties.Google settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    GoogleRoutesRoadTimes(MapsProperties.Google settings, HttpClient http, ObjectMapper json, Duration timeout) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "google";
    }

    @Override
    public int maxElements() {
        return settings.maxElements();
    }

    @Override
    public List<TravelTime> measure(List<GeoPoint> origins, GeoPoint destination, Instant departure) {
        ObjectNode request = json.createObjectNode();
        ArrayNode originNodes = request.putArray("origins");
        origins.forEach(o -> originNodes.addObject().set("waypoint", waypoint(o)));
        request.putArray("destinations").addObject().set("waypoint", waypoint(destination));
        request.put("travelMode", "DRIVE");
        request.put("routingPreference", settings.routingPreference());
        if (!"TRAFFIC_UNAWARE".equals(settings.routingPreference()) && departure.isAfter(Instant.now())) {
            request.put("departureTime", departure.toString());
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl().toString().replaceAll("/+$", "")
                            + "/distanceMatrix/v2:computeRouteMatrix"))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Goog-Api-Key", settings.apiKey())
                    .header("X-Goog-FieldMask", FIELD_MASK)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RoadTimeException("Google Routes unreachable: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoadTimeException("interrupted", false);
        }
        if (response.statusCode() != 200) {
            throw new RoadTimeException("Google Routes answered " + response.statusCode(), false);
        }
        TravelTime[] times = new TravelTime[origins.size()];
        try {
            JsonNode elements = json.readTree(response.body());
            if (elements.has("status") && !elements.isArray()) {
                // The legacy error shape (OVER_QUERY_LIMIT and the like) in a 200 body.
                throw new RoadTimeException("Google answered " + elements.path("status").asText(), false);
            }
            for (JsonNode element : elements) {
                int origin = element.path("originIndex").asInt(-1);
                boolean failed = element.path("status").path("code").asInt(0) != 0;
                boolean routeless = element.has("condition")
                        && !"ROUTE_EXISTS".equals(element.path("condition").asText());
                if (origin < 0 || origin >= times.length || failed || routeless || !element.has("duration")) {
                    continue;
                }
                double seconds = Double.parseDouble(element.path("duration").asText("0s").replace("s", ""));
                times[origin] = new TravelTime(seconds / 60.0, element.path("distanceMeters").asDouble() / 1000.0,
                        false);
            }
        } catch (IOException | NumberFormatException e) {
            throw new RoadTimeException("unreadable Google Routes answer: " + e.getMessage(), false);
        }
        return new ArrayList<>(Arrays.asList(times));
    }

    private ObjectNode waypoint(GeoPoint point) {
        ObjectNode waypoint = json.createObjectNode();
        ObjectNode latLng = waypoint.putObject("location").putObject("latLng");
        latLng.put("latitude", point.lat());
        latLng.put("longitude", point.lon());
        return waypoint;
    }
}
