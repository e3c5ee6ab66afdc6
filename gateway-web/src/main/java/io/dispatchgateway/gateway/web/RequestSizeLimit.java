package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies over {@code gateway.intake.max-body-size} with 413: up front when the length is
 * declared, while reading when it is not (chunked). The refusal is recorded in the quarantine.
 */
@Component
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long limit;
    private final ProblemResponses problems;
    private final QuarantineStore quarantine;

    public RequestSizeLimit(GatewayProperties properties, ProblemResponses problems, QuarantineStore quarantine) {
        this.limit = properties.intake().maxBodySize().toBytes();
        this.problems = problems;
        this.quarantine = quarantine;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            String detail = "the request body of " + declared + " bytes is over the limit of " + limit + " bytes";
            quarantine.quarantine("api", "oversized-body", List.of(new FieldProblem("$", detail)), null);
            problems.write(response, ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    detail));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Bounded(request, limit), response);
    }

    /** Counts bytes as they are read and fails once the limit is passed. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > limit) {
                        throw new PayloadTooLargeException(limit);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = in.read(buffer, off, len);
                    if (n > 0 && (read += n) > limit) {
                        throw new PayloadTooLargeException(limit);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
