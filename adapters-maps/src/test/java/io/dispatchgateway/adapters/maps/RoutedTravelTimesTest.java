package io.dispatchgateway.adapters.maps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutedTravelTimesTest {

    private static final Instant NOON = Instant.parse("2026-11-23T19:00:00Z");
    private static final GeoPoint SITE = new GeoPoint(39.7447, -104.9903);
    private static final List<GeoPoint> ORIGINS = List.of(new GeoPoint(39.70, -104.99), new GeoPoint(39.75, -104.90),
            new GeoPoint(39.80, -105.05));

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    RoutedTravelTimesTest() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void osrmTableGivesMeasuredTimesAndANullCellFallsBackToTheEstimate() {
        server.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(okJson("""
                {"code": "Ok", "durations": [[600.0], [null], [1200.5]], "distances": [[5000.0], [null], [14000.0]],
                 "sources": [], "destinations": []}""")));
        RoutedTravelTimes times = osrm(100);

        List<TravelTime> result = times.travelTimes(ORIGINS, SITE, NOON);

        assertThat(result.get(0)).isEqualTo(new TravelTime(10.0, 5.0, false));
        assertThat(result.get(1).estimated()).isTrue();
        assertThat(result.get(2).minutes()).isCloseTo(20.008, org.assertj.core.data.Offset.offset(0.001));
        server.verify(getRequestedFor(urlPathEqualTo("/table/v1/driving/-104.990000,39.700000;-104.900000,39.750000;"
                + "-105.050000,39.800000;-104.990300,39.744700"))
                .withQueryParam("sources", equalTo("0;1;2")).withQueryParam("destinations", equalTo("3"))
                .withQueryParam("annotations", equalTo("duration,distance")));
        assertThat(registry.counter("gateway.maps.elements", "provider", "osrm").count()).isEqualTo(3);
        assertThat(registry.counter("gateway.maps.estimated", "provider", "osrm").count()).isEqualTo(1);
    }

    @Test
    void requestsAreSplitToTheTableLimitAndAgainWhenTheServerSaysTooBig() {
        server.stubFor(get(urlPathMatching("/table/v1/driving/([^;]+;){2}[^;]+")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"TooBig\", \"message\": \"Too many table coordinates\"}")));
        server.stubFor(get(urlPathMatching("/table/v1/driving/[^;]+;[^;]+")).willReturn(okJson("""
                {"code": "Ok", "durations": [[300.0]], "distances": [[2500.0]]}""")));
        RoutedTravelTimes times = osrm(3); // two origins and the destination per request

        List<TravelTime> result = times.travelTimes(ORIGINS, SITE, NOON);

        assertThat(result).extracting(TravelTime::estimated).containsOnly(false);
        // [o1, o2] refused as TooBig, then [o1] and [o2]; then [o3]
        assertThat(server.getAllServeEvents()).hasSize(4);
    }

    @Test
    void cachedPairsAreNotBilledTwice() {
        server.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(okJson("""
                {"code": "Ok", "durations": [[600.0], [700.0], [800.0]], "distances": [[1.0], [1.0], [1.0]]}""")));
        RoutedTravelTimes times = osrm(100);

        times.travelTimes(ORIGINS, SITE, NOON);
        List<TravelTime> again = times.travelTimes(ORIGINS, SITE, NOON.plusSeconds(60));

        assertThat(again).extracting(TravelTime::minutes).containsExactly(10.0, 700.0 / 60, 800.0 / 60);
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(registry.counter("gateway.maps.elements", "provider", "osrm").count()).isEqualTo(3);
    }

    @Test
    void failingProviderFallsBackAndTheBreakerStopsTheHammering() {
        server.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(aResponse().withStatus(503)));
        RoutedTravelTimes times = osrm(100);

        for (int call = 0; call < 5; call++) {
            assertThat(times.travelTimes(ORIGINS, SITE, NOON.plusSeconds(call * 3600L)))
                    .extracting(TravelTime::estimated).containsOnly(true);
        }

        assertThat(server.getAllServeEvents()).hasSize(3); // the threshold, then the breaker is open
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "maps-osrm", "state", "open")
                .gauge().value()).isEqualTo(1.0);
    }

    @Test
    void afterTheOpenTimeOneRequestTriesAgainAndASuccessClosesTheBreaker() {
        server.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(aResponse().withStatus(503)));
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic
                .AtomicReference<>(NOON);
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        MapsProperties properties = properties(MapsProperties.Provider.OSRM, 100);
        RoutedTravelTimes times = new RoutedTravelTimes(new OsrmRoadTimes(properties.osrm(),
                HttpClient.newHttpClient(), new ObjectMapper(), Duration.ofSeconds(5)), offline(properties), properties,
                registry, moving);
        for (int call = 0; call < 4; call++) {
            times.travelTimes(ORIGINS, SITE, NOON.plusSeconds(call * 3600L));
        }
        assertThat(server.getAllServeEvents()).hasSize(3);

        // Still open within the minute; once it has passed, one request goes out, and its success closes it.
        now.set(NOON.plusSeconds(30));
        times.travelTimes(ORIGINS, SITE, NOON.plusSeconds(5 * 3600L));
        assertThat(server.getAllServeEvents()).hasSize(3);
        server.resetAll();
        server.stubFor(get(urlPathMatching("/table/v1/driving/.*")).willReturn(okJson("""
                {"code": "Ok", "durations": [[600.0], [700.0], [800.0]], "distances": [[1.0], [1.0], [1.0]]}""")));
        now.set(NOON.plusSeconds(61));
        assertThat(times.travelTimes(ORIGINS, SITE, NOON.plusSeconds(6 * 3600L))).extracting(TravelTime::estimated)
                .containsOnly(false);
        assertThat(times.travelTimes(ORIGINS, SITE, NOON.plusSeconds(7 * 3600L))).extracting(TravelTime::estimated)
                .containsOnly(false);
        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    @Test
    void googleRequestCarriesKeyAndStatusFieldMaskAndFailedElementsAreEstimated() {
        server.stubFor(post(urlPathEqualTo("/distanceMatrix/v2:computeRouteMatrix")).willReturn(okJson("""
                [{"originIndex": 0, "destinationIndex": 0, "status": {}, "distanceMeters": 5200, "duration": "640s",
                  "condition": "ROUTE_EXISTS"},
                 {"originIndex": 1, "destinationIndex": 0, "status": {"code": 5, "message": "Not found"}},
                 {"originIndex": 2, "destinationIndex": 0, "status": {}, "condition": "ROUTE_NOT_FOUND"}]""")));
        RoutedTravelTimes times = google();

        List<TravelTime> result = times.travelTimes(ORIGINS, SITE, NOON);

        assertThat(result.get(0)).isEqualTo(new TravelTime(640 / 60.0, 5.2, false));
        assertThat(result.get(1).estimated()).isTrue();
        assertThat(result.get(2).estimated()).isTrue();
        server.verify(postRequestedFor(urlPathEqualTo("/distanceMatrix/v2:computeRouteMatrix"))
                .withHeader("X-Goog-Api-Key", equalTo("key-1"))
                .withHeader("X-Goog-FieldMask", equalTo(GoogleRoutesRoadTimes.FIELD_MASK))
                .withRequestBody(matchingJsonPath("$.origins[2].waypoint.location.latLng.latitude", equalTo("39.8")))
                .withRequestBody(matchingJsonPath("$.destinations[0].waypoint.location.latLng.longitude",
                        equalTo("-104.9903")))
                .withRequestBody(matchingJsonPath("$.travelMode", equalTo("DRIVE"))));
    }

    @Test
    void googleThrottlingInEitherShapeFallsBackToTheEstimate() throws IOException {
        server.stubFor(post(urlPathEqualTo("/distanceMatrix/v2:computeRouteMatrix")).willReturn(okJson(
                fixture("/maps/OverQueryLimitResponse.json"))));
        assertThat(google().travelTimes(ORIGINS, SITE, NOON)).extracting(TravelTime::estimated).containsOnly(true);

        server.stubFor(post(urlPathEqualTo("/distanceMatrix/v2:computeRouteMatrix")).willReturn(aResponse()
                .withStatus(429)));
        assertThat(google().travelTimes(ORIGINS, SITE, NOON)).extracting(TravelTime::estimated).containsOnly(true);
    }

    private RoutedTravelTimes osrm(int maxTableSize) {
        MapsProperties properties = properties(MapsProperties.Provider.OSRM, maxTableSize);
        return new RoutedTravelTimes(new OsrmRoadTimes(properties.osrm(), HttpClient.newHttpClient(), new ObjectMapper(),
                Duration.ofSeconds(5)), offline(properties), properties, registry, clock());
    }

    private RoutedTravelTimes google() {
        MapsProperties properties = properties(MapsProperties.Provider.GOOGLE, 100);
        return new RoutedTravelTimes(new GoogleRoutesRoadTimes(properties.google(), HttpClient.newHttpClient(),
                new ObjectMapper(), Duration.ofSeconds(5)), offline(properties), properties, registry, clock());
    }

    private MapsProperties properties(MapsProperties.Provider provider, int maxTableSize) {
        URI base = URI.create(server.baseUrl());
        return new MapsProperties(true, provider, new MapsProperties.Offline(1.3, 40, 28, List.of("07:00-09:30")),
                new MapsProperties.Osrm(base, "driving", maxTableSize),
                new MapsProperties.Google(base, "key-1", 625, "TRAFFIC_UNAWARE"), Duration.ofSeconds(5),
                new MapsProperties.Cache(Duration.ofMinutes(15), 1000, 3, Duration.ofMinutes(15)), 3,
                Duration.ofMinutes(1));
    }

    private static TimeOfDayTravelTimes offline(MapsProperties properties) {
        return new TimeOfDayTravelTimes(properties.offline(), ZoneOffset.UTC);
    }

    private static Clock clock() {
        return Clock.fixed(NOON, ZoneOffset.UTC);
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = RoutedTravelTimesTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
