package io.dispatchgateway.adapters.powerbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.port.KpiPush;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Switches the Power BI adapter on with {@code gateway.adapters.powerbi.enabled=true}: KPI fact rows pushed to a
 * push dataset. It needs credentials, so it is off until configured; once on, missing settings stop the start-up
 * with the property's name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.powerbi", name = "enabled")
@EnableConfigurationProperties(PowerBiProperties.class)
public class PowerBiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KpiPush powerBiPush(PowerBiProperties properties, ObjectProvider<Clock> clock) {
        return new PowerBiPush(HttpClient.newBuilder().connectTimeout(properties.timeout()).build(),
                new ObjectMapper(), properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(name = "powerbiAdapterDescriptor")
    AdapterDescriptor powerbiAdapterDescriptor(PowerBiProperties properties) {
        return new AdapterDescriptor("powerbi", "Power BI push dataset '" + properties.datasetName() + "' at "
                + properties.apiUrl(), List.of(KpiPush.class.getSimpleName()));
    }
}
