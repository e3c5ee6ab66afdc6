package io.dispatchgateway.gateway.security;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.tenancy.TenantAccess;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Bearer tokens from an OpenID Connect issuer (Microsoft Entra ID in the README's example): a token is taken when
 * its signature verifies against the issuer's published keys, it names the configured issuer and audience, and it
 * is within its lifetime. Its roles claim gives the gateway roles (through {@code role-mapping}), its tenants claim
 * the tenants it acts for; a service's client-credentials token carries app roles in the same claim.
 */
final class BearerTokens {

    private static final Set<String> ROLES = Set.of(Roles.INTEGRATION, Roles.DISPATCHER, Roles.MANAGER, Roles.ADMIN,
            Roles.KPI_READER);

    private final GatewayProperties.Oidc oidc;

    /**
     * @throws IllegalStateException when the issuer or the audience is not set: a key set alone is no protection
     *     (Entra ID signs the tokens of every directory with the same keys, so any directory's token would pass)
     */
    BearerTokens(GatewayProperties.Oidc oidc) {
        if (oidc.issuerUri() == null || oidc.audience() == null || oidc.audience().isBlank()) {
            throw new IllegalStateException("gateway.security.oidc needs issuer-uri and audience: without them a"
                    + " token from any directory the same keys sign would be accepted");
        }
        this.oidc = oidc;
    }

    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = oidc.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri().toString()).build()
                : NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri().toString()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(oidc.issuerUri().toString()));
        validators.add(token -> token.getAudience() != null && token.getAudience().contains(oidc.audience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "the token is not for this gateway (audience)", null)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** The token as an authentication: its caller's name, roles and tenants. */
    JwtAuthenticationToken authentication(Jwt token) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        java.util.Set<String> tenants = new java.util.TreeSet<>(strings(token.getClaim(oidc.tenantsClaim())));
        for (String value : strings(token.getClaim(oidc.rolesClaim()))) {
            if (value.startsWith(oidc.tenantRolePrefix()) && value.length() > oidc.tenantRolePrefix().length()) {
                tenants.add(value.substring(oidc.tenantRolePrefix().length()));
                continue;
            }
            String role = oidc.roleMapping().getOrDefault(value, value);
            if (ROLES.contains(role)) { // a role the gateway does not know grants nothing (never TECHNICIAN)
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
        for (String client : List.of("azp", "appid")) {
            String id = token.getClaimAsString(client);
            if (id != null) {
                tenants.addAll(oidc.clientTenants().getOrDefault(id, List.of()));
            }
        }
        authorities.addAll(TenantAccess.of(tenants));
        String name = token.getClaimAsString(oidc.principalClaim());
        return new JwtAuthenticationToken(token, authorities, name != null && !name.isBlank() ? name
                : token.getSubject());
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(v -> !v.isBlank()).toList();
        }
        return claim instanceof String value && !value.isBlank() ? List.of(value) : List.of();
    }
}
