package io.dispatchgateway.adapters.maps;

import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.core.rank.StraightLineTravelTimes;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Registers the maps adapter's travel-time matrix unless {@code gateway.adapters.maps.enabled=false}. */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.maps", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(MapsProperties.class)
public class MapsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TravelTimeMatrix travelTimeMatrix(MapsProperties properties) {
        return new StraightLineTravelTimes(properties.offline().circuityFactor(),
                properties.offline().averageSpeedKmh());
    }

    @Bean
    AdapterDescriptor mapsAdapterDescriptor(MapsProperties properties) {
        return new AdapterDescriptor("maps", "travel times from the " + properties.provider().name().toLowerCase()
                + " provider", List.of(TravelTimeMatrix.class.getSimpleName()));
    }
}
