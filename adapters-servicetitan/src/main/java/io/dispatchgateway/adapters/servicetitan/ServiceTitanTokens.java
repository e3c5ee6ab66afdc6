package io.dispatchgateway.adapters.servicetitan;

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
 * ServiceTitan's OAuth2 client-credentials token ({@code POST {auth-url}/connect/token}, the client id and secret
 * in the form), by Spring Security's OAuth2 client: fetched when first needed, kept until {@link #RENEW_BEFORE}
 * before it expires, and renewed at once when ServiceTitan answers 401.
 */
final class ServiceTitanTokens {

    /** How long before its expiry a token is renewed (ServiceTitan's live 15 minutes). */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    private static final String REGISTRATION = "servicetitan";
    private static final String PRINCIPAL = "dispatch-gateway";

    private final InMemoryOAuth2AuthorizedClientService issued;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    ServiceTitanTokens(ServiceTitanProperties properties, HttpClient http, Clock clock) {
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
                ClientRegistration.withRegistrationId(REGISTRATION)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .clientId(properties.clientId()).clientSecret(properties.clientSecret())
                        .tokenUri(properties.authUrl().toString().replaceAll("/+$", "") + "/connect/token").build());
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.requestTimeout());
        RestClientClientCredentialsTokenResponseClient tokenEndpoint = new RestClientClientCredentialsTokenResponseClient();
        tokenEndpoint.setRestClient(RestClient.builder().requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(tokenEndpoint);
        provider.setClock(clock);
        provider.setClockSkew(RENEW_BEFORE);
        this.issued = new InMemoryOAuth2AuthorizedClientService(registrations);
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, issued);
        manager.setAuthorizedClientProvider(provider);
    }

    /** @param renew whether to drop the kept token first (ServiceTitan refused it) */
    synchronized String bearer(boolean renew) {
        if (renew) {
            issued.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
        }
        try {
            return manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(PRINCIPAL)
                    .build()).getAccessToken().getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            throw new ServiceTitanUnavailableException("token request refused (" + e.getError().getErrorCode()
                    + "); check gateway.adapters.servicetitan.client-id and client-secret", e);
        } catch (RestClientException e) {
            throw new ServiceTitanUnavailableException("token request failed: " + e.getMessage(), e);
        }
    }
}
