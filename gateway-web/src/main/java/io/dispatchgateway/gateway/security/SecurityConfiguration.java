package io.dispatchgateway.gateway.security;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import io.dispatchgateway.gateway.web.Pages;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import io.dispatchgateway.gateway.tenancy.TenantAccess;
import static io.dispatchgateway.gateway.security.Roles.ADMIN;
import static io.dispatchgateway.gateway.security.Roles.DISPATCHER;
import static io.dispatchgateway.gateway.security.Roles.INTEGRATION;
import static io.dispatchgateway.gateway.security.Roles.KPI_READER;
import static io.dispatchgateway.gateway.security.Roles.MANAGER;
import static io.dispatchgateway.gateway.security.Roles.TECHNICIAN;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.dispatch.PackLinks;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.web.PackPageController;
import io.dispatchgateway.gateway.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * HTTP Basic over a stateless API. Users, their password hashes and roles come from
 * {@code gateway.security.users}; there is no built-in user or default password. Everything but health
 * needs a role.
 */
@Configuration(proxyBeanMethods = false)
// The HTTP surface's security; a run without it (a simulation, which serves no HTTP) has nothing to secure.
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final AuthorityAuthorizationManager<RequestAuthorizationContext> EVERY_TENANT =
            AuthorityAuthorizationManager.hasAuthority(TenantAccess.PREFIX + TenantAccess.EVERY);
    /** The HTML forms: the approval, dispatch pack and plan proposal pages post to themselves. */
    static final org.springframework.security.web.util.matcher.RequestMatcher PAGE_FORMS =
            new org.springframework.security.web.util.matcher.OrRequestMatcher(
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/approvals/*"),
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/packs/*"),
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/plans/proposals/*"));
    private static final String[] REFERENCE_DATA = {"/api/v1/technicians/**", "/api/v1/customers/**",
            "/api/v1/depots/**"};

    @Bean
    SecurityFilterChain gatewaySecurity(HttpSecurity http, ProblemResponses problems, PackLinks packLinks,
            JobStore jobs, java.time.Clock clock, GatewayProperties properties, Pages pages) throws Exception {
        GatewayProperties.Oidc oidc = properties.security().oidc();
        if (oidc.enabled()) {
            BearerTokens tokens = new BearerTokens(oidc);
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(tokens::authentication))
                    .authenticationEntryPoint((request, response, e) -> {
                        // The reason (expired, wrong issuer or audience, bad signature) helps the caller's operator.
                        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                        problems.write(response, ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                                "the bearer token is not accepted: " + e.getMessage()));
                    }));
            LOG.info("bearer tokens accepted from {} (audience {})", oidc.issuerUri(), oidc.audience());
        }
        AuthenticationEntryPoint entryPoint = (request, response, exception) -> {
            if (PackLinkAuthentication.isPackRequest(request) && request.getHeader("Authorization") == null) {
                boolean expired = request.getAttribute(PackLinkAuthentication.REFUSAL) == PackLinks.Check.EXPIRED;
                response.setStatus(expired ? HttpStatus.GONE.value() : HttpStatus.FORBIDDEN.value());
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write(pages.render(PackPageController.refusal(expired)));
            } else {
                problems.entryPoint().commence(request, response, exception);
            }
        };
        http.headers(headers -> headers
                        // The pages need their inline style and post their forms to the gateway; nothing else.
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; style-src"
                                + " 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                        // No address (a pack or approval link's token) leaves for another site; within the gateway
                        // browsers keep sending the Origin the cross-site guard checks.
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        // Sent on HTTPS requests only (behind a TLS-terminating proxy, with forwarded headers).
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000)))
                // The API takes no cookies (every request carries its credentials, and a write must be JSON); the
                // pages' forms carry Spring Security's CSRF token, checked against a same-site cookie.
                .csrf(csrf -> csrf.csrfTokenRepository(formTokens()).requireCsrfProtectionMatcher(PAGE_FORMS))
                .addFilterAfter(new FormTokenIssuer(), org.springframework.security.web.csrf.CsrfFilter.class)
                .addFilterBefore(new LoginThrottle(problems, clock), BasicAuthenticationFilter.class)
                .addFilterBefore(new PackLinkAuthentication(packLinks, jobs), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("dispatch-gateway")
                        .authenticationEntryPoint(problems.entryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(problems.accessDenied()))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Metrics, route toggles and the administrative audit are the gateway's, not a tenant's.
                        .requestMatchers("/actuator/prometheus").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAnyRole(ADMIN, KPI_READER), EVERY_TENANT))
                        .requestMatchers("/actuator/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole(ADMIN), EVERY_TENANT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs").hasAnyRole(INTEGRATION, DISPATCHER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs/*/replay", "/api/v1/jobs/*/reassign")
                                .hasAnyRole(DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/policies")
                                .hasAnyRole(INTEGRATION, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/jobs/**")
                                .hasAnyRole(INTEGRATION, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/write-backs")
                                .hasAnyRole(INTEGRATION, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers("/api/v1/quarantine/**").hasAnyRole(INTEGRATION, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/technicians/*/location")
                                .hasAnyRole(INTEGRATION, DISPATCHER, ADMIN)
                        .requestMatchers(HttpMethod.PUT, REFERENCE_DATA).hasAnyRole(INTEGRATION, ADMIN)
                        .requestMatchers(HttpMethod.GET, REFERENCE_DATA)
                                .hasAnyRole(INTEGRATION, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers("/api/v1/approvals/**").hasAnyRole(DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers("/api/v1/plans/**").hasAnyRole(DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers("/approvals/**").hasAnyRole(DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers("/plans/proposals/*").hasAnyRole(DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/kpis", "/api/v1/kpis/**")
                                .hasAnyRole(KPI_READER, MANAGER, ADMIN)
                        // A review replays the whole gateway's history: for those acting for every tenant.
                        .requestMatchers("/api/v1/reviews", "/api/v1/reviews/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAnyRole(MANAGER, ADMIN), EVERY_TENANT))
                        // A tenant's ADMIN reads the administrative audit of that tenant's records.
                        .requestMatchers(HttpMethod.GET, "/api/v1/admin/audit").hasRole(ADMIN)
                        .requestMatchers("/api/v1/admin/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole(ADMIN), EVERY_TENANT))
                        .requestMatchers(HttpMethod.GET, "/packs/*", "/api/v1/packs/*")
                                .hasAnyRole(TECHNICIAN, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/packs/*")
                                .hasAnyRole(TECHNICIAN, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs/*/events")
                                .hasAnyRole(INTEGRATION, DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs/*/customer-updates/*/sent")
                                .hasAnyRole(DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/exceptions")
                                .hasAnyRole(DISPATCHER, MANAGER, ADMIN)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    TenantGuard tenantGuard(JobStore jobs, io.dispatchgateway.gateway.persistence.ProposalStore proposals,
            io.dispatchgateway.core.port.TechnicianDirectory technicians,
            io.dispatchgateway.core.port.CustomerDirectory customers,
            io.dispatchgateway.core.port.InventoryLookup inventory) {
        return new TenantGuard(jobs, proposals, technicians, customers, inventory);
    }

    /**
     * The log context of a request: the caller's tenants once authenticated, cleared when the request ends (also
     * the job a handler put there), so a pooled thread never carries it into the next request.
     */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<org.springframework.web.filter.OncePerRequestFilter>
            requestLogContext() {
        var filter = new org.springframework.web.filter.OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                    throws jakarta.servlet.ServletException, java.io.IOException {
                var scope = TenantAccess.current();
                org.slf4j.MDC.put(io.dispatchgateway.gateway.tenancy.JobLogContext.TENANT,
                        scope.all() ? "*" : String.join(",", scope.tenants()));
                try {
                    chain.doFilter(request, response);
                } finally {
                    io.dispatchgateway.gateway.tenancy.JobLogContext.clear();
                }
            }
        };
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<
                org.springframework.web.filter.OncePerRequestFilter>(filter);
        // After the security chain, which authenticates the request.
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER
                + 1);
        return registration;
    }

    /** Every handler runs behind the tenant guard and may take the caller's {@code TenantScope}. */
    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer tenantScopedHandlers(TenantGuard guard) {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(guard);
            }

            @Override
            public void addArgumentResolvers(
                    List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(guard);
            }
        };
    }

    /** The CSRF token's cookie: HTTP only, same site, secure behind TLS. */
    private static org.springframework.security.web.csrf.CookieCsrfTokenRepository formTokens() {
        var repository = new org.springframework.security.web.csrf.CookieCsrfTokenRepository();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict").httpOnly(true));
        return repository;
    }

    /**
     * Issues the CSRF token of a page before the page is written, so its cookie goes with the response headers
     * however long the page is.
     */
    static final class FormTokenIssuer extends org.springframework.web.filter.OncePerRequestFilter {
        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            if ("GET".equals(request.getMethod()) && request.getRequestURI().matches(
                    "^/(approvals|packs|plans/proposals)/[^/]+$")) {
                Object token = request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
                if (token instanceof org.springframework.security.web.csrf.CsrfToken csrf) {
                    csrf.getToken();
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** The stored hashes ({@code {bcrypt}...} and the other ids Spring knows), checked once per five minutes. */
    @Bean
    PasswordEncoder passwordEncoder(Clock clock) {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
    }

    @Bean
    UserDetailsService gatewayUsers(GatewayProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        properties.security().users().forEach((name, user) -> {
            List<org.springframework.security.core.GrantedAuthority> authorities = new ArrayList<>(
                    TenantAccess.everyOr(user.tenants()));
            user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            users.add(User.withUsername(name).password(user.password()).authorities(authorities).build());
        });
        if (users.isEmpty()) {
            LOG.warn("no users are configured under gateway.security.users: only /actuator/health is reachable"
                    + " (run with the 'demo' profile for demo users)");
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** A request the firewall refuses before any controller is bad input (400 with a problem), not a failure. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
        return (request, response, rejected) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            problems.write(response, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Request refused",
                    rejected.getMessage()));
        };
    }
}
