package io.dispatchgateway.gateway.web;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.gateway.dispatch.PlanOptimizations;
import io.dispatchgateway.gateway.intake.PayloadReader;
import io.dispatchgateway.gateway.live.LiveOperations;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The plan optimizer on demand, and its proposals: read them, accept all or some of the waiting moves, reject. */
@RestController
@RequestMapping("/api/v1/plans")
public class PlanOptimizationController {

    private final PlanOptimizations optimizations;
    private final ProposalStore proposals;
    private final PayloadReader reader;
    private final GatewayProperties properties;

    public PlanOptimizationController(PlanOptimizations optimizations, ProposalStore proposals, PayloadReader reader,
            GatewayProperties properties) {
        this.optimizations = optimizations;
        this.proposals = proposals;
        this.reader = reader;
        this.properties = properties;
    }

    /**
     * What to optimize: one territory's technicians (all when absent), the visits planned on one local day (all
     * of the horizon when absent), for at most {@code seconds}.
     */
    public record OptimizeRequest(@Size(max = 64) String territory, LocalDate date, @Min(1) @Max(60) Integer seconds) {}

    @Operation(summary = "Re-optimize the open work now; answered with the proposal",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = OptimizeRequest.class))))
    @PostMapping(path = "/optimize", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public ProposalStore.Proposal optimize(@RequestBody(required = false) String payload, Principal principal,
            TenantScope scope) {
        OptimizeRequest request = payload == null || payload.isBlank() ? new OptimizeRequest(null, null, null)
                : reader.readValid(payload, OptimizeRequest.class, "api", "optimize-request");
        Duration seconds = request.seconds() == null ? properties.planning().optimizeSeconds()
                : Duration.ofSeconds(request.seconds());
        ProposalStore.Proposal proposal = optimizations.propose(request.territory(), request.date(), seconds,
                "user:" + principal.getName(), true, scope)
                .orElseThrow(() -> new LiveOperations.WrongStateException("an optimization of "
                        + (request.territory() == null ? "all territories" : "territory " + request.territory())
                        + " is running; try again in a few seconds"));
        return proposal;
    }

    @Operation(summary = "The latest plan proposals, newest first")
    @GetMapping("/proposals")
    public List<ProposalStore.Proposal> latest(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            TenantScope scope) {
        return proposals.latest(size, scope);
    }

    @Operation(summary = "One plan proposal with every move, its reason, objective changes and decision")
    @GetMapping("/proposals/{id}")
    public ProposalStore.Proposal read(@PathVariable String id) {
        return proposals.find(id).orElseThrow(() -> new NoSuchElementException("no plan proposal with id '" + id
                + "'"));
    }

    @Operation(summary = "Run a proposal's optimization again from its recorded snapshot, seed and move count")
    @PostMapping("/proposals/{id}/replay")
    public PlanOptimizations.Replay replay(@PathVariable String id) {
        return optimizations.replay(id);
    }

    /** Accept or reject the waiting moves: all of them, or those of {@code jobIds}. */
    public record DecisionRequest(@NotNull PlanOptimizations.Decision decision,
            @Size(max = 500) List<@Size(max = 40) String> jobIds) {}

    @Operation(summary = "Accept or reject a proposal's waiting moves (all, or some by job id)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DecisionRequest.class))))
    @PostMapping(path = "/proposals/{id}/decision", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.ALL_VALUE})
    public ProposalStore.Proposal decide(@PathVariable String id, @RequestBody(required = false) String payload,
            Principal principal) {
        DecisionRequest request = reader.readValid(payload, DecisionRequest.class, "api", "plan-decision");
        return optimizations.decide(id, request.decision(), request.jobIds(), principal.getName());
    }
}
