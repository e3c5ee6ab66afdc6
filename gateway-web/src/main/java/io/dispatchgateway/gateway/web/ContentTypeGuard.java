package io.dispatchgateway.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 415 and before anything reads the request, a body whose {@code Content-Type} is not one the
 * gateway reads: unparsable, a wildcard ({@code *}{@code /*}), or multipart (the gateway takes no uploads; a
 * multipart body without a boundary would otherwise fail deep in the server). JSON and the pages' forms pass.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ContentTypeGuard extends OncePerRequestFilter {

    private final ProblemResponses problems;

    public ContentTypeGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !header.isBlank()) {
            String refusal = refusal(header);
            if (refusal != null) {
                problems.write(response, ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported content type", refusal));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Why the gateway does not read a body of this type, or null when it does. */
    static String refusal(String header) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return "Content-Type '" + shorten(header) + "' cannot be read: " + e.getMessage();
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "Content-Type '" + shorten(header) + "' names no type: send application/json";
        }
        if ("multipart".equalsIgnoreCase(type.getType())) {
            return "the gateway takes no multipart bodies: send application/json";
        }
        return null;
    }

    private static String shorten(String header) {
        String printable = header.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
