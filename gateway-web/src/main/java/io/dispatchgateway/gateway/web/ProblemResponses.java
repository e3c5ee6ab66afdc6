package io.dispatchgateway.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.intake.FieldProblem;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** Builds the gateway's problem responses ({@code application/problem+json}), also for the security filters. */
@Component
public class ProblemResponses {

    private final ObjectMapper mapper;

    public ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** A 400 listing every field problem, with where the payload was quarantined. */
    public static ProblemDetail invalid(String title, List<FieldProblem> problems, String quarantineId) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title, problems.size() == 1
                ? problems.get(0).field() + ": " + problems.get(0).message()
                : problems.size() + " fields are invalid; see errors");
        problem.setProperty("errors", problems);
        if (quarantineId != null) {
            problem.setProperty("quarantineId", quarantineId);
        }
        return problem;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dispatch-gateway\"");
            write(response, problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "credentials are missing or wrong; use HTTP Basic with a gateway user"));
        };
    }

    public AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, problem(HttpStatus.FORBIDDEN, "Forbidden",
                e instanceof org.springframework.security.web.csrf.CsrfException
                        ? "the form's security token is missing or no longer valid: open the page again and send"
                                + " the form from there"
                        : "your roles do not allow " + request.getMethod() + " " + request.getRequestURI()));
    }

    public void write(jakarta.servlet.http.HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
