package io.dispatchgateway.adapters.teams;

import java.util.Map;
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
 * @param packWebhookUrl webhook of a channel all technicians share; packs posted there carry no signed link
 *     (every member could open it) unless {@code shared-channel-links} is set; a secret, never logged
 * @param technicianWebhooks technician id to the webhook of that technician's own chat or channel, where their
 *     packs go with the signed link; secrets, never logged
 * @param tenants gateway tenant to its own dispatchers' and managers' webhooks: that tenant's approval cards,
 *     plan reviews and escalations go there instead of the default channels; secrets, never logged
 * @param sharedChannelLinks whether packs posted to the shared {@code pack-webhook-url} carry the signed link
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
        @DefaultValue("1s") @NotNull Duration initialBackoff,
        Map<String, URI> technicianWebhooks,
        Map<String, @jakarta.validation.Valid TenantChannels> tenants,
        @DefaultValue("false") boolean sharedChannelLinks) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public TeamsProperties {
        technicianWebhooks = technicianWebhooks == null ? Map.of() : Map.copyOf(technicianWebhooks);
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /** The settings of one deployment without per-technician or per-tenant channels. */
    public TeamsProperties(boolean enabled, URI approvalWebhookUrl, URI managerWebhookUrl, URI packWebhookUrl,
            URI gatewayUrl, String linkSecret, Duration linkValidity, int messagesPerSecond, int maxAttempts,
            Duration initialBackoff) {
        this(enabled, approvalWebhookUrl, managerWebhookUrl, packWebhookUrl, gatewayUrl, linkSecret, linkValidity,
                messagesPerSecond, maxAttempts, initialBackoff, null, null, false);
    }

    /**
     * One tenant's channels.
     *
     * @param approvalWebhookUrl the tenant's dispatchers' channel
     * @param managerWebhookUrl the tenant's managers' channel; the tenant's dispatchers' one when unset
     */
    public record TenantChannels(@NotNull URI approvalWebhookUrl, URI managerWebhookUrl) {}

    /** Where {@code tenant}'s approval cards and plan reviews go. */
    public URI approvalWebhook(String tenant) {
        TenantChannels own = tenant == null ? null : tenants.get(tenant);
        return own != null ? own.approvalWebhookUrl() : approvalWebhookUrl;
    }

    /** Where {@code tenant}'s escalations go. */
    public URI managerWebhook(String tenant) {
        TenantChannels own = tenant == null ? null : tenants.get(tenant);
        if (own != null) {
            return own.managerWebhookUrl() != null ? own.managerWebhookUrl() : own.approvalWebhookUrl();
        }
        return managerWebhook();
    }

    public URI managerWebhook() {
        return managerWebhookUrl != null ? managerWebhookUrl : approvalWebhookUrl;
    }

    @Override
    public String toString() {
        return "TeamsProperties[gatewayUrl=" + gatewayUrl + ", approvalWebhookUrl=***, managerWebhookUrl=***,"
                + " packWebhookUrl=***, technicianWebhooks=" + technicianWebhooks.size() + " (***), tenants="
                + tenants.keySet() + " (***),"
                + " linkSecret=***]";
    }
}
