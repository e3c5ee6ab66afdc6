package io.dispatchgateway.gateway.web;

import io.dispatchgateway.gateway.dispatch.ManagerRequiredException;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.gateway.dispatch.ApprovalDesk;
import io.dispatchgateway.gateway.dispatch.InvalidRequestException;
import io.dispatchgateway.gateway.intake.PayloadRejectedException;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import java.util.List;
import io.dispatchgateway.gateway.live.LiveOperations;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the REST API into a problem response that says what was wrong and what to do; a
 * stack trace never reaches a client.
 */
@RestControllerAdvice
public class GatewayProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayProblemHandler.class);

    private final QuarantineStore quarantine;

    public GatewayProblemHandler(QuarantineStore quarantine) {
        this.quarantine = quarantine;
    }

    @ExceptionHandler(PayloadRejectedException.class)
    ProblemDetail rejected(PayloadRejectedException e) {
        return ProblemResponses.invalid("Invalid payload", e.problems(), e.quarantineId());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return ProblemResponses.invalid("Invalid request", e.problems(), null);
    }

    @ExceptionHandler(ApprovalDesk.AlreadyDecidedException.class)
    ProblemDetail alreadyDecided(ApprovalDesk.AlreadyDecidedException e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, "Already decided", e.getMessage());
        problem.setProperty("approval", e.current());
        return problem;
    }

    @ExceptionHandler(LiveOperations.WrongStateException.class)
    ProblemDetail wrongState(LiveOperations.WrongStateException e) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "Not possible in the job's state", e.getMessage());
    }

    @ExceptionHandler(ManagerRequiredException.class)
    ProblemDetail managerRequired(ManagerRequiredException e) {
        return ProblemResponses.problem(HttpStatus.FORBIDDEN, "A manager must decide", e.getMessage());
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ProblemDetail denied(org.springframework.security.access.AccessDeniedException e) {
        return ProblemResponses.problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return ProblemResponses.invalid("Invalid parameter", List.of(new FieldProblem(e.getName(),
                "'" + e.getValue() + "' is not a valid " + (e.getRequiredType() == null ? "value"
                        : e.getRequiredType().getSimpleName()))), null);
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(DataAccessException e) {
        LOG.error("store failure", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable",
                        "the gateway could not reach its store; nothing was accepted, retry later"));
    }

    /** A request the firewall refuses (a parameter name with control characters, an encoded slash) is bad input. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> refusedByFirewall(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Request refused",
                e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the gateway failed unexpectedly; the failure is logged");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof PayloadTooLargeException tooLarge) {
            quarantine.quarantine("api", "oversized-body", List.of(new FieldProblem("$", tooLarge.getMessage())),
                    null);
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ProblemResponses.problem(
                    HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", tooLarge.getMessage()));
        }
        return ResponseEntity.badRequest().body(ProblemResponses.invalid("Unreadable request",
                List.of(new FieldProblem("$", "the request body could not be read")), null));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage())).toList();
        return ResponseEntity.badRequest().body(ProblemResponses.invalid("Invalid request", problems, null));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(ProblemResponses.invalid("Invalid request", problems, null));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body == null && status.is5xxServerError()) {
            LOG.error("request failed", e);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }
}
