package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.gateway.dispatch.ApprovalDesk;
import io.dispatchgateway.gateway.dispatch.DecisionReplay;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.dispatch.Reassignment;
import io.dispatchgateway.core.model.Assignment;
import jakarta.validation.constraints.NotBlank;
import io.dispatchgateway.gateway.intake.PayloadReader;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.intake.IntakeOutcome;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ModelExchangeLog;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.mappings.view.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.dispatchgateway.core.intake.JobIntake;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Job intake and read-back. */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

    private final IntakeGate intake;
    private final JobStore jobs;
    private final AuditLog audit;
    private final DecisionReplay replay;
    private final PayloadReader reader;
    private final Reassignment reassignment;
    private final PlanBook plans;
    private final ModelExchangeLog exchanges;

    public JobController(IntakeGate intake, JobStore jobs, AuditLog audit, DecisionReplay replay,
            PayloadReader reader, Reassignment reassignment, PlanBook plans, ModelExchangeLog exchanges) {
        this.plans = plans;
        this.exchanges = exchanges;
        this.reassignment = reassignment;
        this.intake = intake;
        this.jobs = jobs;
        this.audit = audit;
        this.replay = replay;
        this.reader = reader;
    }

    /**
     * Accepts a job. Valid: 202 with its id and status (the same id again for a repeated source and external
     * id). Invalid: 400 listing every field problem; the payload is kept in the quarantine.
     */
    @Operation(summary = "Submit a job", requestBody = @RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = JobIntake.class))))
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<?> submit(@org.springframework.web.bind.annotation.RequestBody(required = false)
            String payload, Principal principal, TenantScope scope) {
        IntakeOutcome outcome = intake.submit(payload, "api", "user:" + principal.getName(), scope);
        if (!outcome.accepted()) {
            ProblemDetail problem = ProblemResponses.invalid("Invalid job", outcome.problems(),
                    outcome.quarantineId());
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + outcome.jobId()))
                .body(new Accepted(outcome.jobId(), outcome.status().name(), !outcome.created()));
    }

    /** The answer to an accepted submission; {@code duplicate} is true when the job was already known. */
    public record Accepted(String id, String status, boolean duplicate) {}

    /** A dispatcher's reassignment: the technician to send instead, and why. */
    public record ReassignRequest(@NotBlank @Size(max = 64) String technicianId, @Size(max = 2000) String reason) {}

    @Operation(summary = "Move an assigned job to another technician; the change is written back",
            requestBody = @RequestBody(content = @Content(schema = @Schema(implementation = ReassignRequest.class))))
    @PostMapping(path = "/{id}/reassign", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public Assignment reassign(@PathVariable String id,
            @org.springframework.web.bind.annotation.RequestBody(required = false) String payload,
                    Principal principal) {
        ReassignRequest request = reader.readValid(payload, ReassignRequest.class, "api", "reassign-request");
        return reassignment.reassign(id, request.technicianId().strip(), request.reason(), principal.getName(),
                ApprovalDesk.isManager(principal));
    }

    /** What a replay should try: another policy and/or other weights; both optional. */
    public record ReplayRequest(@Size(max = 64) String policy,
            @Size(max = 20) Map<@NotBlank @Size(max = 64) String, @NotNull @DecimalMin("0") @DecimalMax("1000") Double>
                    weights) {}

    @Operation(summary = "Rank a job again from its recorded snapshot, optionally with another policy or weights",
            requestBody = @RequestBody(content = @Content(schema = @Schema(implementation = ReplayRequest.class))))
    @PostMapping(path = "/{id}/replay", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public DecisionReplay.Result replay(@PathVariable String id,
            @org.springframework.web.bind.annotation.RequestBody(required = false) String payload) {
        ReplayRequest request = payload == null || payload.isBlank() ? new ReplayRequest(null, null)
                : reader.readValid(payload, ReplayRequest.class, "api", "replay-request");
        return replay.replay(id, request.policy(), request.weights());
    }

    @Operation(summary = "Read a job with its classification, recommendation, approval, assignment, pack and audit")
    @GetMapping("/{id}")
    public JobView read(@PathVariable String id) {
        StoredJob stored = jobs.find(id).orElseThrow(() -> new NoSuchElementException("no job with id '" + id + "'"));
        Job job = stored.job();
        return new JobView(job.id(), job.tenant(), job.source(), job.externalId(), job.customerId(),
                stored.status(), job.receivedAt(), job.summary(), job.description(), job.location(),
                        job.reportedPriority(),
                job.requiredParts(), job.arrivalWindow(), job.notBefore(), stored.classification(),
                stored.recommendation(), jobs.latestApprovalForJob(id).orElse(null), stored.assignment(), stored.pack(),
                plans.placed(id).map(p -> new JobView.PlanPlace(p.technicianId(), p.position(), p.of(), p.visit()))
                        .orElse(null), audit.forJob(id));
    }

    @Operation(summary = "What a language model was asked about a job and what it answered, oldest first")
    @GetMapping("/{id}/model-exchanges")
    public java.util.List<ModelExchangeLog.Exchange> modelExchanges(@PathVariable String id) {
        jobs.find(id).orElseThrow(() -> new NoSuchElementException("no job with id '" + id + "'"));
        return exchanges.forJob(id);
    }
}
