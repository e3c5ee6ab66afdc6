package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.clients.ClientCredentialsTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * ServiceTitan's OAuth2 client-credentials token ({@code POST {auth-url}/connect/token}): kept until
 * {@link #RENEW_BEFORE} before it expires, renewed at once when ServiceTitan answers 401.
 */
final class ServiceTitanTokens {

    /** How long before its expiry a token is renewed (ServiceTitan's live 15 minutes). */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final ClientCredentialsTokens tokens;

    ServiceTitanTokens(ServiceTitanProperties properties, HttpClient http) {
        this.tokens = new ClientCredentialsTokens(new ClientCredentialsTokens.Client("servicetitan",
                URI.create(properties.authUrl().toString().replaceAll("/+$", "") + "/connect/token"),
                properties.clientId(), properties.clientSecret(), null), http, properties.requestTimeout(),
                RENEW_BEFORE);
    }

    /** @param renew whether to drop the kept token first (ServiceTitan refused it) */
    String bearer(boolean renew) {
        if (renew) {
            tokens.forget();
        }
        try {
            return tokens.current();
        } catch (ClientCredentialsTokens.TokenException e) {
            throw new ServiceTitanUnavailableException(e.refused() ? "token request refused (" + e.detail()
                    + "); check gateway.adapters.servicetitan.client-id and client-secret"
                    : "token request failed: " + e.detail(), e);
        }
    }
}
