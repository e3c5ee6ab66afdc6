package io.dispatchgateway.adapters.teams;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Microsoft Teams adapter.
 *
 * @param enabled whether approval requests and escalations go to Teams
 * @param approvalWebhookUrl Workflows or incoming webhook of the dispatchers' channel; a secret, never logged
 * @param managerWebhookUrl webhook of the managers' channel for escalations; the dispatchers' one when unset
 */
@Validated
@ConfigurationProperties("gateway.adapters.teams")
public record TeamsProperties(boolean enabled, @NotNull URI approvalWebhookUrl, URI managerWebhookUrl) {

    @Override
    public String toString() {
        return "TeamsProperties[approvalWebhookUrl=***, managerWebhookUrl=***]";
    }
}
