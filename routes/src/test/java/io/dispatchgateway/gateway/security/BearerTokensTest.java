package io.dispatchgateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class BearerTokensTest {

    private static final URI ISSUER = URI.create("https://login.example.test/3f1c/v2.0");
    private static final URI KEYS = URI.create("https://login.example.test/3f1c/discovery/v2.0/keys");

    private static GatewayProperties.Oidc oidc(URI issuer, String audience) {
        return new GatewayProperties.Oidc(issuer, KEYS, audience, null, null, null,
                Map.of("Dispatch.Manager", "MANAGER"), null, Map.of("client-42", List.of("acme")));
    }

    @Test
    void aKeySetAloneIsNotEnough() {
        // The same keys sign every directory's tokens: without issuer and audience any of them would pass.
        assertThatThrownBy(() -> new BearerTokens(oidc(null, "api://gateway")))
                .hasMessageContaining("issuer-uri and audience");
        assertThatThrownBy(() -> new BearerTokens(oidc(ISSUER, null)))
                .hasMessageContaining("issuer-uri and audience");
    }

    @Test
    void rolesAndTenantsComeFromClaimsAppRolesAndTheClient() {
        BearerTokens tokens = new BearerTokens(oidc(ISSUER, "api://gateway"));
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER.toString()).subject("svc")
                .claim("azp", "client-42").claim("roles", List.of("Dispatch.Manager", "Tenant.bravo", "TECHNICIAN",
                        "Everything")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        List<String> authorities = tokens.authentication(jwt).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();

        // TECHNICIAN (a pack link's role) and unknown roles grant nothing.
        assertThat(authorities).containsExactlyInAnyOrder("ROLE_MANAGER", "TENANT_acme", "TENANT_bravo");
        assertThat(tokens.authentication(jwt).getName()).isEqualTo("svc");
    }
}
