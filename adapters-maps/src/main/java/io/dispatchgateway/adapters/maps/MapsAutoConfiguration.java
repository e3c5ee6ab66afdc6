package io.dispatchgateway.adapters.maps;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers the offline estimate and, with {@code gateway.adapters.maps.provider=osrm} or {@code google}, the
 * routed travel times that measure the options in contention. Off with {@code gateway.adapters.maps.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.maps", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(MapsProperties.class)
public class MapsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OfflineTravelTimes offlineTravelTimes(MapsProperties properties, Environment environment) {
        return new TimeOfDayTravelTimes(properties.offline(), ZoneId.of(environment.getProperty("gateway.zone", "UTC")));
    }

    @Bean
    @ConditionalOnMissingBean(name = "routedTravelTimes")
    @ConditionalOnProperty(prefix = "gateway.adapters.maps", name = "provider", havingValue = "osrm")
    TravelTimeMatrix routedTravelTimes(MapsProperties properties, OfflineTravelTimes offline,
            ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
        return routed(new OsrmRoadTimes(properties.osrm(), HttpClient.newHttpClient(), new ObjectMapper(),
                properties.timeout()), offline, properties, registry, clock);
    }

    @Bean
    @ConditionalOnMissingBean(name = "googleTravelTimes")
    @ConditionalOnProperty(prefix = "gateway.adapters.maps", name = "provider", havingValue = "google")
    TravelTimeMatrix googleTravelTimes(MapsProperties properties, OfflineTravelTimes offline,
            ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
        if (properties.google().apiKey() == null || properties.google().apiKey().isBlank()) {
            throw new IllegalStateException("gateway.adapters.maps.google.api-key is required when"
                    + " gateway.adapters.maps.provider=google");
        }
        return routed(new GoogleRoutesRoadTimes(properties.google(), HttpClient.newHttpClient(), new ObjectMapper(),
                properties.timeout()), offline, properties, registry, clock);
    }

    @Bean
    AdapterDescriptor mapsAdapterDescriptor(MapsProperties properties) {
        return new AdapterDescriptor("maps", "travel times: offline estimate"
                + (properties.provider() == MapsProperties.Provider.OFFLINE ? ""
                        : ", measured by " + properties.provider().name().toLowerCase(Locale.ROOT)),
                List.of(OfflineTravelTimes.class.getSimpleName(), TravelTimeMatrix.class.getSimpleName()));
    }

    private static TravelTimeMatrix routed(RoadTimeProvider provider, OfflineTravelTimes offline,
            MapsProperties properties, ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
        return new RoutedTravelTimes(provider, offline, properties, registry.getIfAvailable(SimpleMeterRegistry::new),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
