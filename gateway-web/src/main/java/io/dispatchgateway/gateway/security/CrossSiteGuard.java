package io.dispatchgateway.gateway.security;

import io.dispatchgateway.gateway.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps other sites from acting with a browser's remembered login (cross-site request forgery). A request that
 * changes something (POST, PUT, PATCH, DELETE) is refused with 403 when the browser says it comes from another
 * site ({@code Sec-Fetch-Site: cross-site}, or an {@code Origin} that is not the gateway's own); and a write to
 * the JSON API must be {@code application/json} (415 otherwise), which a page of another site cannot send without
 * the browser asking first. Clients that are not browsers send neither header and are not affected.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CrossSiteGuard extends OncePerRequestFilter {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ProblemResponses problems;

    public CrossSiteGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !UNSAFE.contains(request.getMethod().toUpperCase(Locale.ROOT));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site) || !sameOrigin(request.getHeader("Origin"), request)
                && !("null".equals(request.getHeader("Origin")) && "same-origin".equalsIgnoreCase(site))) {
            problems.write(response, ProblemResponses.problem(HttpStatus.FORBIDDEN, "Cross-site request refused",
                    "the gateway takes changes only from its own pages and from clients that are not browsers"));
            return;
        }
        if (request.getRequestURI().startsWith("/api/") && hasBody(request) && !json(request.getContentType())) {
            problems.write(response, ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported content type", "the API takes application/json"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** No {@code Origin} (not a browser, or a same-origin navigation), or the gateway's own scheme, host and port. */
    static boolean sameOrigin(String origin, HttpServletRequest request) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false; // "null" and the like: a sandboxed or privacy-hidden origin (same-origin only by
                              // the browser's Sec-Fetch-Site)
            }
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port(uri.getPort(), uri.getScheme()) == port(request.getServerPort(), request.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(int port, String scheme) {
        return port > 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean json(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equalsIgnoreCase(type.getType()) && (type.getSubtype().equalsIgnoreCase("json")
                    || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
