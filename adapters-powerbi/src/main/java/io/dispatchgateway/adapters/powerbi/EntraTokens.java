package io.dispatchgateway.adapters.powerbi;

import io.dispatchgateway.clients.ClientCredentialsTokens;
import io.dispatchgateway.core.port.KpiPush.KpiPushException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Entra ID access tokens for the Power BI API by the client-credentials grant: kept until a minute before they
 * expire, and dropped when Power BI answers 401.
 */
class EntraTokens {

    static final String SCOPE = "https://analysis.windows.net/powerbi/api/.default";

    private final ClientCredentialsTokens tokens;

    EntraTokens(HttpClient http, PowerBiProperties properties) {
        this.tokens = new ClientCredentialsTokens(new ClientCredentialsTokens.Client("powerbi",
                URI.create(properties.authorityUrl().toString().replaceAll("/$", "") + "/" + properties.tenantId()
                        + "/oauth2/v2.0/token"), properties.clientId(), properties.clientSecret(), SCOPE), http,
                properties.timeout(), Duration.ofSeconds(60));
    }

    String current() {
        try {
            return tokens.current();
        } catch (ClientCredentialsTokens.TokenException e) {
            throw new KpiPushException(e.refused() ? "Entra ID refused the Power BI token (" + e.detail()
                    + "; check gateway.adapters.powerbi.tenant-id, client-id and client-secret)"
                    : "Entra ID unreachable: " + e.detail(), null, false);
        }
    }

    void forget() {
        tokens.forget();
    }
}
