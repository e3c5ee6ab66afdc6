package io.dispatchgateway.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A vendor's OAuth2 access token by the client-credentials grant (the client id and secret in the form), through
 * Spring Security's OAuth2 client: fetched when first needed, kept until {@code renewBefore} before it expires,
 * dropped when the vendor refuses it. The secret goes to the token endpoint only, never into a message.
 */
public final class ClientCredentialsTokens {

    /**
     * No token: the endpoint refused the client ({@link #refused()}: its OAuth2 error code or a 4xx status), or it
     * could not be reached or failed (I/O, timeout, 5xx). {@link #detail()} says which, never with the secret.
     */
    public static final class TokenException extends RuntimeException {
        private final boolean refused;
        private final String detail;

        TokenException(boolean refused, String detail, Throwable cause) {
            super((refused ? "the token endpoint refused the client: " : "no token from the endpoint: ") + detail,
                    cause);
            this.refused = refused;
            this.detail = detail;
        }

        public boolean refused() {
            return refused;
        }

        public String detail() {
            return detail;
        }
    }

    /** Where and as whom to ask; {@code scope} may be null. */
    public record Client(String name, URI tokenUri, String clientId, String clientSecret, String scope) {}

    private static final String PRINCIPAL = "dispatch-gateway";
    private static final String INVALID_RESPONSE = "invalid_token_response";

    private final String registration;
    private final InMemoryOAuth2AuthorizedClientService issued;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    /**
     * @param renewBefore how long before its expiry a token is renewed; expiry is the vendor's, in real time (not
     *     the gateway's clock, which a test or a simulation may move)
     */
    public ClientCredentialsTokens(Client client, HttpClient http, Duration timeout, Duration renewBefore) {
        this.registration = client.name();
        ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(client.name())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .clientId(client.clientId()).clientSecret(client.clientSecret())
                .tokenUri(client.tokenUri().toString());
        if (client.scope() != null) {
            builder.scope(client.scope());
        }
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(builder.build());
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        RestClientClientCredentialsTokenResponseClient endpoint = new RestClientClientCredentialsTokenResponseClient();
        endpoint.setRestClient(RestClient.builder().requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(endpoint);
        provider.setClockSkew(renewBefore);
        this.issued = new InMemoryOAuth2AuthorizedClientService(registrations);
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, issued);
        manager.setAuthorizedClientProvider(provider);
    }

    /** The current token, fetched when there is none or it is about to expire. */
    public synchronized String current() {
        try {
            return manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration)
                    .principal(PRINCIPAL).build()).getAccessToken().getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            // An OAuth2 error answer names its code; anything else (no answer, a status without an OAuth2 body, a
            // body that is no token) comes as invalid_token_response around what the HTTP client met.
            HttpStatusCodeException status = cause(e, HttpStatusCodeException.class);
            if (!INVALID_RESPONSE.equals(e.getError().getErrorCode())) {
                throw new TokenException(true, e.getError().getErrorCode(), e);
            }
            if (status != null) {
                throw new TokenException(status.getStatusCode().is4xxClientError(), "answered "
                        + status.getStatusCode().value(), e);
            }
            RestClientException io = cause(e, RestClientException.class);
            throw new TokenException(false, io != null ? io.getMessage() : e.getMessage(), e);
        } catch (RestClientException e) {
            throw new TokenException(false, e.getMessage(), e);
        }
    }

    private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Drops the kept token: the vendor refused it, the next call fetches another. */
    public synchronized void forget() {
        issued.removeAuthorizedClient(registration, PRINCIPAL);
    }
}
