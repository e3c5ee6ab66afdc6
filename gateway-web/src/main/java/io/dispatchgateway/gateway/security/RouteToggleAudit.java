package io.dispatchgateway.gateway.security;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.gateway.persistence.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every successful route toggle through {@code POST /actuator/camelroutes/{id}/{action}} in the
 * gateway-wide audit: who, when, which route, which action.
 */
@Component
public class RouteToggleAudit extends OncePerRequestFilter {

    private static final Pattern TOGGLE = Pattern.compile("/actuator/camelroutes/([^/]+)/([^/]+)");

    private final AuditLog audit;

    public RouteToggleAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !TOGGLE.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            Matcher toggle = TOGGLE.matcher(request.getRequestURI());
            if (toggle.matches()) {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                audit.recordFor(null, "user:" + (user == null ? "unknown" : user.getName()),
                        AuditAction.route(toggle.group(2)), "route " + toggle.group(1)
                                + (AuditAction.route(toggle.group(2)) == AuditAction.ROUTE_OTHER ? ": "
                                        + toggle.group(2) : ""));
            }
        }
    }
}
