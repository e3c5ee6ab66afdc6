package io.dispatchgateway.adapters.powerbi;

import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Switches the Power BI adapter on with {@code gateway.adapters.powerbi.enabled=true}. It needs credentials, so
 * it is off until configured; once on, missing settings stop the start-up with the property's name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.powerbi", name = "enabled")
@EnableConfigurationProperties(PowerBiProperties.class)
public class PowerBiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "powerbiAdapterDescriptor")
    AdapterDescriptor powerbiAdapterDescriptor(PowerBiProperties properties) {
        return new AdapterDescriptor("powerbi", "Power BI at " + properties.apiUrl(), List.of("KpiSink"));
    }
}
