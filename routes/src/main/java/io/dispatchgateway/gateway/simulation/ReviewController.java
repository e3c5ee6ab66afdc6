package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.gateway.dispatch.InvalidRequestException;
import io.dispatchgateway.gateway.intake.PayloadReader;
import io.dispatchgateway.gateway.web.ProblemResponses;
import java.io.IOException;
import java.nio.file.Files;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing review (MANAGER, ADMIN, acting for every tenant): export a recorded period, or replay one in the
 * background under its own settings and the ones proposed, and read its progress and report.
 */
@RestController
@RequestMapping("/api/v1/reviews")
@Profile("!simulation")
public class ReviewController {

    private final Reviews reviews;
    private final RecordingExport export;
    private final PayloadReader reader;

    public ReviewController(Reviews reviews, RecordingExport export, PayloadReader reader) {
        this.reviews = reviews;
        this.export = export;
        this.reader = reader;
    }

    /** The jobs received in {@code [from, to)} and what reached them since: the input of {@code simulate --recording}. */
    @GetMapping("/recording")
    public ResponseEntity<Recording> recording(@RequestParam Instant from, @RequestParam Instant to) {
        if (from.isBefore(Reviews.EARLIEST)) {
            throw new InvalidRequestException(List.of(new FieldProblem("from", "must not be before "
                    + Reviews.EARLIEST)));
        }
        if (to.isAfter(Reviews.LATEST)) {
            throw new InvalidRequestException(List.of(new FieldProblem("to", "must not be after " + Reviews.LATEST)));
        }
        if (!from.isBefore(to)) {
            throw new InvalidRequestException(List.of(new FieldProblem("to", "must be after from")));
        }
        if (Duration.between(from, to).compareTo(Reviews.LONGEST) > 0) {
            throw new InvalidRequestException(List.of(new FieldProblem("to", "a recording spans at most 31 days")));
        }
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"recording-" + from.toString().replace(':', '-') + ".json\"")
                .body(export.export(from, to));
    }

    /** Starts a review; a request with unknown fields or values of the wrong type is refused field by field. */
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<Reviews.Review> start(@RequestBody(required = false) String payload, Principal principal) {
        Reviews.Request request = reader.readValid(payload, Reviews.Request.class, "api", "review-request");
        Reviews.Review review = reviews.start(request, principal.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.LOCATION,
                "/api/v1/reviews/" + review.id()).body(review);
    }

    @GetMapping("/{id}")
    public Reviews.Review find(@PathVariable String id) {
        return reviews.find(id).orElseThrow(() -> new NoSuchElementException("no review with id '" + id + "'"));
    }

    @ExceptionHandler(Reviews.BusyException.class)
    ProblemDetail busy(Reviews.BusyException e) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "A review is running", e.getMessage());
    }

    @GetMapping(value = "/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> report(@PathVariable String id) throws IOException {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                .body(Files.readString(reviews.report(id)));
    }
}
