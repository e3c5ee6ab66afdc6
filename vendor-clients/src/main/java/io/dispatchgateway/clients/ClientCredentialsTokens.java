package io.dispatchgateway.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
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
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A vendor's OAuth2 access token by the client-credentials grant (the client id and secret in the form), through
 * Spring Security's OAuth2 client: fetched when first needed, kept until {@code renewBefore} before it expires,
 * dropped when the vendor refuses it. The secret goes to the token endpoint only, never into a message.
 */
public final class ClientCredentialsTokens {

    /** The token endpoint refused the client ({@link #error()} is its OAuth2 error code) or could not be reached. */
    public static final class TokenException extends RuntimeException {
        private final String error;

        TokenException(String message, String error, Throwable cause) {
            super(message, cause);
            this.error = error;
        }

        /** The OAuth2 error code the endpoint answered, or null when it could not be reached. */
        public String error() {
            return error;
        }
    }

    /** Where and as whom to ask; {@code scope} may be null. */
    public record Client(String name, URI tokenUri, String clientId, String clientSecret, String scope) {}

    private static final String PRINCIPAL = "dispatch-gateway";

    private final String registration;
    private final InMemoryOAuth2AuthorizedClientService issued;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    public ClientCredentialsTokens(Client client, HttpClient http, Duration timeout, Duration renewBefore,
            Clock clock) {
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
        provider.setClock(clock);
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
            throw new TokenException("the token endpoint refused the client (" + e.getError().getErrorCode() + ")",
                    e.getError().getErrorCode(), e);
        } catch (RestClientException e) {
            throw new TokenException("the token endpoint could not be reached: " + e.getMessage(), null, e);
        }
    }

    /** Drops the kept token: the vendor refused it, the next call fetches another. */
    public synchronized void forget() {
        issued.removeAuthorizedClient(registration, PRINCIPAL);
    }
}
