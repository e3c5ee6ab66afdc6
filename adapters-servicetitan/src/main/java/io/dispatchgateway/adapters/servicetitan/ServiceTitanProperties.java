package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.core.model.CustomerTier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ServiceTitan adapter.
 *
 * @param enabled whether the ServiceTitan adapter is on
 * @param baseUrl API root; {@code https://api-integration.servicetitan.io} selects the integration environment
 * @param authUrl OAuth2 token server root ({@code https://auth-integration.servicetitan.io} for integration)
 * @param tenantId the ServiceTitan tenant (a number) to read and write
 * @param clientId OAuth2 client id of the app registration
 * @param clientSecret OAuth2 client secret; never logged
 * @param appKey the app key sent as {@code ST-App-Key}; never logged
 * @param pollInterval how often changes are fetched
 * @param pageSize records per page when paging (1..5000)
 * @param requestTimeout how long one request may take
 * @param maxAttempts attempts per request before giving up (timeouts, 429 and 5xx are retried)
 * @param initialBackoff the first wait between attempts; it doubles each time, up to 30 s
 * @param breakerThreshold requests in a row that gave up before the circuit breaker opens
 * @param breakerOpenFor how long the open breaker refuses calls
 * @param customerTier the tier given to customers read from ServiceTitan (it has no tiers of its own)
 * @param gatewayUrl the gateway's public URL, for the links in job notes
 * @param skillLevel the level (1..5) given to a skill a ServiceTitan technician has, as ServiceTitan has no levels
 * @param maxGpsAge how old a technician's GPS fix ({@code coordinatesUpdatedOn}) may be to count as where they are
 * @param requestsPerSecond the client's budget of requests per second, shared by all its threads (ServiceTitan
 *     allows about 60 per app and tenant); a call waits for its turn up to {@code requestTimeout}
 * @param includePackLink whether job notes carry the technician's signed pack link; off by default, as every
 *     ServiceTitan user who can read the job sees its notes (the note then links the job in the gateway, behind a
 *     login)
 * @param gatewayTenant the gateway tenant the jobs, customers and technicians read from this ServiceTitan tenant
 *     belong to ({@code default} in a single-tenant set-up)
 */
@Validated
@ConfigurationProperties("gateway.adapters.servicetitan")
public record ServiceTitanProperties(
        boolean enabled,
        @DefaultValue("https://api.servicetitan.io") @NotNull URI baseUrl,
        @DefaultValue("https://auth.servicetitan.io") @NotNull URI authUrl,
        @NotBlank @Pattern(regexp = "\\d+", message = "must be the numeric tenant id") String tenantId,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank String appKey,
        @DefaultValue("30s") @NotNull Duration pollInterval,
        @DefaultValue("200") @Positive @Max(5000) int pageSize,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue("5") @Positive int maxAttempts,
        @DefaultValue("500ms") @NotNull Duration initialBackoff,
        @DefaultValue("5") @Positive int breakerThreshold,
        @DefaultValue("30s") @NotNull Duration breakerOpenFor,
        @DefaultValue("STANDARD") @NotNull CustomerTier customerTier,
        @DefaultValue("http://localhost:8080") @NotNull URI gatewayUrl,
        @DefaultValue("3") @Positive @Max(5) int skillLevel,
        @DefaultValue("1h") @NotNull Duration maxGpsAge,
        @DefaultValue("50") @Positive @Max(1000) int requestsPerSecond,
        @DefaultValue("false") boolean includePackLink,
        @DefaultValue("default") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                message = "must be lower-case letters, digits and dashes") String gatewayTenant) {

    @Override
    public String toString() {
        return "ServiceTitanProperties[baseUrl=" + baseUrl + ", tenantId=" + tenantId + ", clientId=" + clientId
                + ", clientSecret=***, appKey=***]";
    }
}
