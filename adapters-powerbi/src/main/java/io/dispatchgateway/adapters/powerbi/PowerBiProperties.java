package io.dispatchgateway.adapters.powerbi;

import java.util.Map;
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
 * @param tenants gateway tenant to its own workspace and dataset: that tenant's rows go there, not to the default
 *     dataset (an MSP's client sees its own KPIs only)
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
        @DefaultValue("30s") @NotNull Duration timeout,
        Map<String, @jakarta.validation.Valid Target> tenants) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public PowerBiProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /** The settings of a deployment that pushes every tenant's rows to one dataset. */
    public PowerBiProperties(boolean enabled, URI apiUrl, URI authorityUrl, String tenantId, String clientId,
            String clientSecret, String workspaceId, String datasetName, String tableName, int maxRowsPerRequest,
            int requestsPerMinute, int maxInFlight, Duration timeout) {
        this(enabled, apiUrl, authorityUrl, tenantId, clientId, clientSecret, workspaceId, datasetName, tableName,
                maxRowsPerRequest, requestsPerMinute, maxInFlight, timeout, null);
    }

    /**
     * Where rows go: a workspace and the push dataset in it.
     *
     * @param datasetName the dataset's name, created when missing (the default dataset's name when not given)
     */
    public record Target(@NotBlank String workspaceId, String datasetName) {}

    /** The workspace and dataset of {@code tenant}'s rows. */
    public Target target(String tenant) {
        Target own = tenant == null ? null : tenants.get(tenant);
        if (own == null) {
            return new Target(workspaceId, datasetName);
        }
        return new Target(own.workspaceId(), own.datasetName() == null || own.datasetName().isBlank() ? datasetName
                : own.datasetName());
    }

    @Override
    public String toString() {
        return "PowerBiProperties[apiUrl=" + apiUrl + ", workspaceId=" + workspaceId + ", datasetName=" + datasetName
                + ", tenants=" + tenants.keySet() + ", clientSecret=***]";
    }
}
