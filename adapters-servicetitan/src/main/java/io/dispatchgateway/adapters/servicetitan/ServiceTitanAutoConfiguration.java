package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Switches the ServiceTitan adapter on with {@code gateway.adapters.servicetitan.enabled=true}. It needs credentials, so
 * it is off until configured; once on, missing settings stop the start-up with the property's name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.servicetitan", name = "enabled")
@EnableConfigurationProperties(ServiceTitanProperties.class)
public class ServiceTitanAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "servicetitanAdapterDescriptor")
    AdapterDescriptor servicetitanAdapterDescriptor(ServiceTitanProperties properties) {
        return new AdapterDescriptor("servicetitan", "ServiceTitan at " + properties.baseUrl(), List.of("JobSource", "TechnicianDirectory", "CustomerDirectory", "InventoryLookup", "AssignmentSink"));
    }
}
