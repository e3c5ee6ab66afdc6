package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.gateway.dispatch.ApprovalDesk;
import io.dispatchgateway.gateway.intake.PayloadReader;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.mappings.view.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.NoSuchElementException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The approval inbox: list approvals, read one, decide it. The decider is the authenticated user. */
@RestController
@RequestMapping("/api/v1/approvals")
public class ApprovalController {

    private final JobStore jobs;
    private final ApprovalDesk desk;
    private final PayloadReader reader;

    public ApprovalController(JobStore jobs, ApprovalDesk desk, PayloadReader reader) {
        this.jobs = jobs;
        this.desk = desk;
        this.reader = reader;
    }

    @Operation(summary = "List approvals by status, oldest request first")
    @GetMapping
    public PageView<Approval> list(@RequestParam(defaultValue = "PENDING") ApprovalStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size, TenantScope scope) {
        return new PageView<>(jobs.approvals(status, scope, page * size, size), page, size,
                jobs.countApprovals(status, scope));
    }

    @GetMapping("/{id}")
    public Approval read(@PathVariable String id) {
        return jobs.findApproval(id).orElseThrow(() -> new NoSuchElementException("no approval with id '" + id + "'"));
    }

    /** A dispatcher's decision; {@code technicianId} picks someone other than the recommended technician. */
    public record DecisionRequest(@NotNull ApprovalDesk.Decision decision, @Size(max = 64) String technicianId,
            @Size(max = 2000) String comment) {}

    @Operation(summary = "Approve (optionally another technician) or reject a pending approval",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DecisionRequest.class))))
    @PostMapping(path = "/{id}/decision", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public Approval decide(@PathVariable String id, @RequestBody(required = false) String payload,
            Principal principal) {
        DecisionRequest request = reader.readValid(payload, DecisionRequest.class, "api", "approval-decision");
        return desk.decide(id, request.decision(), request.technicianId(), request.comment(), principal.getName(),
                ApprovalDesk.isManager(principal));
    }
}
