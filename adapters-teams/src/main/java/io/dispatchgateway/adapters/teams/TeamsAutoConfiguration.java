package io.dispatchgateway.adapters.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.core.port.EscalationChannel;
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
 * Switches the Microsoft Teams adapter on with {@code gateway.adapters.teams.enabled=true}: approval cards and
 * escalations posted to webhooks. It needs a webhook and a link secret, so it is off until configured; once
 * on, missing settings stop the start-up with the property's name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.teams", name = "enabled")
@EnableConfigurationProperties(TeamsProperties.class)
public class TeamsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TeamsChannels teamsChannels(TeamsProperties properties, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        ObjectMapper json = new ObjectMapper();
        ApprovalCards cards = new ApprovalCards(json, new ApprovalLinks(properties.linkSecret()),
                properties.gatewayUrl(), properties.linkValidity(), time);
        TeamsWebhook webhook = new TeamsWebhook(HttpClient.newHttpClient(), json, properties,
                duration -> Thread.sleep(duration.toMillis()), time);
        return new TeamsChannels(webhook, cards, properties);
    }

    @Bean
    @ConditionalOnMissingBean(name = "teamsAdapterDescriptor")
    AdapterDescriptor teamsAdapterDescriptor(TeamsProperties properties) {
        return new AdapterDescriptor("teams", "Microsoft Teams approval cards and escalations",
                List.of(ApprovalChannel.class.getSimpleName(), EscalationChannel.class.getSimpleName()));
    }
}
