package io.dispatchgateway.adapters.powerbi;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Power BI adapter. The limits default to Power BI's own push limits and cannot be set above
 * them.
 *
 * @param enabled whether KPI fact rows are pushed to Power BI
 * @param apiUrl Power BI REST API root
 * @param authorityUrl Entra ID root that issues the tokens
 * @param tenantId Entra ID tenant of the service principal
 * @param clientId application (client) id of the service principal
 * @param clientSecret its secret; never logged
 * @param workspaceId the workspace (group) that holds the push dataset
 * @param datasetName name of the push dataset, created when missing
 * @param tableName table of the dataset that receives the fact rows, created when missing
 * @param maxRowsPerRequest rows per push request (Power BI: 10,000)
 * @param requestsPerMinute push requests per minute and dataset (Power BI: 120)
 * @param maxInFlight push requests on their way at once (Power BI: 5)
 * @param timeout how long one request may take
 */
@Validated
@ConfigurationProperties("gateway.adapters.powerbi")
public record PowerBiProperties(
        boolean enabled,
        @DefaultValue("https://api.powerbi.com/v1.0/myorg") @NotNull URI apiUrl,
        @DefaultValue("https://login.microsoftonline.com") @NotNull URI authorityUrl,
        @NotBlank String tenantId,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank String workspaceId,
        @DefaultValue("Dispatch Gateway KPIs") @NotBlank String datasetName,
        @DefaultValue("JobFactEvents") @NotBlank String tableName,
        @DefaultValue("10000") @Min(1) @Max(10_000) int maxRowsPerRequest,
        @DefaultValue("120") @Min(1) @Max(120) int requestsPerMinute,
        @DefaultValue("5") @Min(1) @Max(5) int maxInFlight,
        @DefaultValue("30s") @NotNull Duration timeout) {

    @Override
    public String toString() {
        return "PowerBiProperties[apiUrl=" + apiUrl + ", workspaceId=" + workspaceId + ", datasetName=" + datasetName
                + ", clientSecret=***]";
    }
}
