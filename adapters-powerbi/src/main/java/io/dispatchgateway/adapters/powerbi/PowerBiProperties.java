package io.dispatchgateway.adapters.powerbi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Power BI adapter.
 *
 * @param enabled whether KPI rows are pushed to Power BI
 * @param apiUrl Power BI REST API root
 * @param tenantId Entra ID tenant of the service principal
 * @param clientId application (client) id of the service principal
 * @param clientSecret its secret; never logged
 * @param workspaceId the workspace (group) that holds the push dataset
 * @param datasetName name of the push dataset, created when missing
 */
@Validated
@ConfigurationProperties("gateway.adapters.powerbi")
public record PowerBiProperties(
        boolean enabled,
        @DefaultValue("https://api.powerbi.com/v1.0/myorg") @NotNull URI apiUrl,
        @NotBlank String tenantId,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank String workspaceId,
        @DefaultValue("Dispatch Gateway KPIs") @NotBlank String datasetName) {

    @Override
    public String toString() {
        return "PowerBiProperties[apiUrl=" + apiUrl + ", workspaceId=" + workspaceId + ", clientSecret=***]";
    }
}
