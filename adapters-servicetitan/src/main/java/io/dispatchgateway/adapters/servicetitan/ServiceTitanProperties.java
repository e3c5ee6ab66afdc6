package io.dispatchgateway.adapters.servicetitan;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
 * @param authUrl OAuth2 token server root
 * @param tenantId the ServiceTitan tenant to read and write
 * @param clientId OAuth2 client id of the app registration
 * @param clientSecret OAuth2 client secret; never logged
 * @param appKey the app key sent as {@code ST-App-Key}
 * @param pollInterval how often changes are fetched
 * @param pageSize records per page when paging
 */
@Validated
@ConfigurationProperties("gateway.adapters.servicetitan")
public record ServiceTitanProperties(
        boolean enabled,
        @DefaultValue("https://api.servicetitan.io") @NotNull URI baseUrl,
        @DefaultValue("https://auth.servicetitan.io") @NotNull URI authUrl,
        @NotBlank String tenantId,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank String appKey,
        @DefaultValue("30s") @NotNull Duration pollInterval,
        @DefaultValue("200") @Positive @Max(5000) int pageSize) {

    @Override
    public String toString() {
        return "ServiceTitanProperties[baseUrl=" + baseUrl + ", tenantId=" + tenantId + ", clientSecret=***"
                + ", appKey=***]";
    }
}
