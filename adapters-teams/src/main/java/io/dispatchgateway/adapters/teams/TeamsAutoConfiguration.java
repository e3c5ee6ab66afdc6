package io.dispatchgateway.adapters.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.core.port.EscalationChannel;
import io.dispatchgateway.core.port.PackDelivery;
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
    TeamsWebhook teamsWebhook(TeamsProperties properties, ObjectProvider<Clock> clock) {
        return new TeamsWebhook(HttpClient.newHttpClient(), new ObjectMapper(), properties,
                duration -> Thread.sleep(duration.toMillis()), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    ApprovalCards teamsCards(TeamsProperties properties, ObjectProvider<Clock> clock,
            ObjectProvider<ApprovalLinks> links) {
        // The gateway's own link key when it has one, so the approval page accepts what the cards sign.
        return new ApprovalCards(new ObjectMapper(), links.getIfAvailable(() -> new ApprovalLinks(
                properties.linkSecret())),
                properties.gatewayUrl(), properties.linkValidity(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    TeamsChannels teamsChannels(TeamsWebhook webhook, ApprovalCards cards, TeamsProperties properties) {
        return new TeamsChannels(webhook, cards, properties);
    }

    /** Dispatch packs to each technician's own chat, or the shared technicians' channel, when configured. */
    @Bean
    @org.springframework.context.annotation.Conditional(PackChannelConfigured.class)
    @ConditionalOnMissingBean(PackDelivery.class)
    PackDelivery teamsPackDelivery(TeamsWebhook webhook, ApprovalCards cards, TeamsProperties properties) {
        return new TeamsPackDelivery(webhook, cards, properties);
    }

    /** A shared pack channel or at least one technician's own webhook is set. */
    static class PackChannelConfigured extends org.springframework.boot.autoconfigure.condition.SpringBootCondition {
        @Override
        public org.springframework.boot.autoconfigure.condition.ConditionOutcome getMatchOutcome(
                org.springframework.context.annotation.ConditionContext context,
                org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            var binder = org.springframework.boot.context.properties.bind.Binder.get(context.getEnvironment());
            boolean shared = binder.bind("gateway.adapters.teams.pack-webhook-url", String.class)
                    .map(url -> !url.isBlank()).orElse(false);
            boolean own = !binder.bind("gateway.adapters.teams.technician-webhooks",
                    org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class))
                    .orElse(java.util.Map.of()).isEmpty();
            return shared || own
                    ? org.springframework.boot.autoconfigure.condition.ConditionOutcome.match("a pack channel is set")
                    : org.springframework.boot.autoconfigure.condition.ConditionOutcome.noMatch("no pack channel");
        }
    }

    @Bean
    @ConditionalOnMissingBean(name = "teamsAdapterDescriptor")
    AdapterDescriptor teamsAdapterDescriptor(TeamsProperties properties) {
        return new AdapterDescriptor("teams", "Microsoft Teams approval cards and escalations",
                List.of(ApprovalChannel.class.getSimpleName(), EscalationChannel.class.getSimpleName()));
    }
}
