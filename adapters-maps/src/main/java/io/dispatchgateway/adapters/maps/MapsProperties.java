package io.dispatchgateway.adapters.maps;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the maps adapter.
 *
 * @param enabled whether the maps adapter provides the gateway's travel-time matrix
 * @param provider which provider answers travel-time questions; {@code offline} needs no network
 * @param offline settings of the offline estimate
 */
@Validated
@ConfigurationProperties("gateway.adapters.maps")
public record MapsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("offline") @NotNull Provider provider,
        @DefaultValue @Valid @NotNull Offline offline) {

    /** The travel-time providers. */
    public enum Provider {
        OFFLINE
    }

    /**
     * @param circuityFactor how much longer the road is than the straight line (1.3 suits a grid city)
     * @param averageSpeedKmh average driving speed, stops included, in km/h
     */
    public record Offline(
            @DefaultValue("1.3") @DecimalMin("1.0") double circuityFactor,
            @DefaultValue("40") @Positive double averageSpeedKmh) {}
}
