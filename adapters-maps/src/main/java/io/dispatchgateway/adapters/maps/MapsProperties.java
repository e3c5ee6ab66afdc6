package io.dispatchgateway.adapters.maps;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the maps adapter.
 *
 * @param enabled whether the maps adapter provides the gateway's travel times
 * @param provider who measures travel times for the options in contention: {@code offline} (no network),
 *        {@code osrm} or {@code google}
 * @param offline the offline estimate every technician is ranked with first
 * @param osrm the OSRM table service
 * @param google the Google Routes API
 * @param timeout how long one provider request may take
 * @param cache how measured times are reused
 * @param breakerThreshold failed provider requests in a row that open the circuit breaker
 * @param breakerOpenFor how long the open breaker sends everything to the offline estimate
 */
@Validated
@ConfigurationProperties("gateway.adapters.maps")
public record MapsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("offline") @NotNull Provider provider,
        @DefaultValue @Valid @NotNull Offline offline,
        @DefaultValue @Valid @NotNull Osrm osrm,
        @DefaultValue @Valid @NotNull Google google,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue @Valid @NotNull Cache cache,
        @DefaultValue("3") @Positive int breakerThreshold,
        @DefaultValue("60s") @NotNull Duration breakerOpenFor) {

    /** The travel-time providers. */
    public enum Provider { OFFLINE, OSRM, GOOGLE }

    /**
     * Great-circle distance times a road-circuity factor, at a speed that depends on the time of day.
     *
     * @param circuityFactor how much longer the road is than the straight line (1.3 suits a grid city)
     * @param averageSpeedKmh driving speed outside the peak hours, stops included
     * @param peakSpeedKmh driving speed in the peak hours
     * @param peakHours local time windows of the peak ({@code HH:mm-HH:mm}), in the gateway's zone
     */
    public record Offline(
            @DefaultValue("1.3") @DecimalMin("1.0") double circuityFactor,
            @DefaultValue("40") @Positive double averageSpeedKmh,
            @DefaultValue("28") @Positive double peakSpeedKmh,
            @DefaultValue({"07:00-09:30", "16:00-18:30"})
            List<@Pattern(regexp = "\\d{2}:\\d{2}-\\d{2}:\\d{2}", message = "must look like 07:00-09:30") String> peakHours) {}

    /**
     * @param baseUrl root of a (self-hosted) OSRM server
     * @param profile the routing profile in the URL
     * @param maxTableSize the server's {@code --max-table-size}: most coordinates in one table request
     */
    public record Osrm(@DefaultValue("http://localhost:5000") @NotNull URI baseUrl,
            @DefaultValue("driving") @NotBlank String profile,
            @DefaultValue("100") @Min(2) @Max(10000) int maxTableSize) {}

    /**
     * @param baseUrl Routes API root
     * @param apiKey the API key sent as {@code X-Goog-Api-Key}; required for the google provider; never logged
     * @param maxElements most origin-destination elements in one request (625; 100 with traffic-aware optimal)
     * @param routingPreference TRAFFIC_UNAWARE, TRAFFIC_AWARE or TRAFFIC_AWARE_OPTIMAL
     */
    public record Google(@DefaultValue("https://routes.googleapis.com") @NotNull URI baseUrl, String apiKey,
            @DefaultValue("625") @Min(1) @Max(625) int maxElements,
            @DefaultValue("TRAFFIC_AWARE") @NotBlank String routingPreference) {

        @Override
        public String toString() {
            return "Google[baseUrl=" + baseUrl + ", apiKey=***]";
        }
    }

    /**
     * @param timeToLive how long a measured time is reused
     * @param maximumSize most cached pairs
     * @param coordinateDecimals coordinates are rounded to this many decimals for the key (3 is about 100 m)
     * @param timeBucket departures within the same bucket share a cached time
     */
    public record Cache(@DefaultValue("15m") @NotNull Duration timeToLive,
            @DefaultValue("100000") @Positive long maximumSize,
            @DefaultValue("3") @Min(1) @Max(6) int coordinateDecimals,
            @DefaultValue("15m") @NotNull Duration timeBucket) {}
}
