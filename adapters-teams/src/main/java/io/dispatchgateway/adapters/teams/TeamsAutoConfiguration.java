package io.dispatchgateway.adapters.teams;

import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Switches the Microsoft Teams adapter on with {@code gateway.adapters.teams.enabled=true}. It needs credentials, so
 * it is off until configured; once on, missing settings stop the start-up with the property's name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.teams", name = "enabled")
@EnableConfigurationProperties(TeamsProperties.class)
public class TeamsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "teamsAdapterDescriptor")
    AdapterDescriptor teamsAdapterDescriptor(TeamsProperties properties) {
        return new AdapterDescriptor("teams", "Microsoft Teams approval cards and escalations", List.of("ApprovalChannel", "EscalationChannel"));
    }
}
