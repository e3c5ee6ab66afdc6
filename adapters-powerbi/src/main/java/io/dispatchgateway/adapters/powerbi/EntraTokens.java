package io.dispatchgateway.adapters.powerbi;

import io.dispatchgateway.core.port.KpiPush.KpiPushException;
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
 * Entra ID access tokens for the Power BI API by the client-credentials grant, through Spring Security's OAuth2
 * client: kept until a minute before they expire, and dropped when Power BI answers 401.
 */
class EntraTokens {

    static final String SCOPE = "https://analysis.windows.net/powerbi/api/.default";
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    private static final String REGISTRATION = "powerbi";
    private static final String PRINCIPAL = "dispatch-gateway";

    private final InMemoryOAuth2AuthorizedClientService issued;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    EntraTokens(HttpClient http, PowerBiProperties properties, Clock clock) {
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
                ClientRegistration.withRegistrationId(REGISTRATION)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .clientId(properties.clientId()).clientSecret(properties.clientSecret()).scope(SCOPE)
                        .tokenUri(properties.authorityUrl().toString().replaceAll("/$", "") + "/"
                                + properties.tenantId() + "/oauth2/v2.0/token").build());
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.timeout());
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

    synchronized String current() {
        try {
            return manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(PRINCIPAL)
                    .build()).getAccessToken().getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            throw new KpiPushException("Entra ID refused the Power BI token (" + e.getError().getErrorCode()
                    + "; check gateway.adapters.powerbi.tenant-id, client-id and client-secret)", null, false);
        } catch (RestClientException e) {
            throw new KpiPushException("Entra ID unreachable: " + e.getMessage(), null, false);
        }
    }

    synchronized void forget() {
        issued.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
    }
}
