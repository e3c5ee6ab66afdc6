package io.dispatchgateway.adapters.teams;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Microsoft Teams adapter.
 *
 * @param enabled whether approval requests and escalations go to Teams
 * @param approvalWebhookUrl Workflows or incoming webhook of the dispatchers' channel; a secret, never logged
 * @param managerWebhookUrl webhook of the managers' channel for escalations; the dispatchers' one when unset
 * @param packWebhookUrl webhook of the technicians' channel that receives dispatch packs; packs are not posted
 *     to Teams when unset; a secret, never logged
 * @param gatewayUrl the gateway's public URL, which the card buttons open
 * @param linkSecret the key that signs approval links (at least 32 characters); a secret, never logged
 * @param linkValidity how long an approval link works
 * @param messagesPerSecond most messages per second per webhook (Teams allows 4)
 * @param maxAttempts attempts per message when Teams throttles or fails
 * @param initialBackoff the first wait between attempts; it doubles each time
 */
@Validated
@ConfigurationProperties("gateway.adapters.teams")
public record TeamsProperties(
        boolean enabled,
        @NotNull URI approvalWebhookUrl,
        URI managerWebhookUrl,
        URI packWebhookUrl,
        @DefaultValue("http://localhost:8080") @NotNull URI gatewayUrl,
        @NotNull @Size(min = 32, message = "must be at least 32 characters") String linkSecret,
        @DefaultValue("24h") @NotNull Duration linkValidity,
        @DefaultValue("4") @Positive int messagesPerSecond,
        @DefaultValue("6") @Positive int maxAttempts,
        @DefaultValue("1s") @NotNull Duration initialBackoff) {

    public URI managerWebhook() {
        return managerWebhookUrl != null ? managerWebhookUrl : approvalWebhookUrl;
    }

    @Override
    public String toString() {
        return "TeamsProperties[gatewayUrl=" + gatewayUrl + ", approvalWebhookUrl=***, managerWebhookUrl=***,"
                + " packWebhookUrl=***,"
                + " linkSecret=***]";
    }
}
