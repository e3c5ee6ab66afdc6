package io.dispatchgateway.adapters.maps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * OSRM's table service: {@code GET /table/v1/{profile}/{lon,lat;...}?sources=0;..;n-1&destinations=n
 * &annotations=duration,distance}. A {@code null} cell means no route; {@code TooBig} means the table was
 * larger than the server allows.
 */
final class OsrmRoadTimes implements RoadTimeProvider {

    private final MapsProperties.Osrm settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    OsrmRoadTimes(MapsProperties.Osrm settings, HttpClient http, ObjectMapper json, Duration timeout) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "osrm";
    }

    @Override
    public int maxElements() {
        return settings.maxTableSize() - 1; // the destination is one of the table's coordinates
    }

    @Override
    public List<TravelTime> measure(List<GeoPoint> origins, GeoPoint destination, Instant departure) {
        StringJoiner coordinates = new StringJoiner(";");
        StringJoiner sources = new StringJoiner(";");
        for (int i = 0; i < origins.size(); i++) {
            coordinates.add(lonLat(origins.get(i)));
            sources.add(String.valueOf(i));
        }
        coordinates.add(lonLat(destination));
        URI uri = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/table/v1/" + settings.profile()
                + "/" + coordinates + "?sources=" + sources + "&destinations=" + origins.size()
                + "&annotations=duration,distance");
        JsonNode body;
        int status;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (IOException e) {
            throw new RoadTimeException("OSRM unreachable: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoadTimeException("interrupted", false);
        }
        String code = body == null ? "" : body.path("code").asText();
        if (status != 200 || !"Ok".equals(code)) {
            throw new RoadTimeException("OSRM answered " + status + " " + code + " " + (body == null ? ""
                    : body.path("message").asText()), "TooBig".equals(code));
        }
        List<TravelTime> times = new ArrayList<>(origins.size());
        for (int i = 0; i < origins.size(); i++) {
            JsonNode seconds = body.path("durations").path(i).path(0);
            JsonNode meters = body.path("distances").path(i).path(0);
            times.add(seconds.isNumber() ? new TravelTime(seconds.asDouble() / 60.0,
                    meters.isNumber() ? meters.asDouble() / 1000.0 : 0, false) : null);
        }
        return times;
    }

    private static String lonLat(GeoPoint point) {
        return String.format(Locale.ROOT, "%.6f,%.6f", point.lon(), point.lat());
    }
}
