package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.gateway.live.LiveOperations;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live operations over HTTP: field events in, and out the job's live state with its events, SLA stages,
 * exceptions and customer update drafts; the open exceptions are the built-in escalation inbox.
 */
@RestController
public class LiveController {

    private final LiveOperations operations;
    private final LiveOpsStore store;

    public LiveController(LiveOperations operations, LiveOpsStore store) {
        this.operations = operations;
        this.store = store;
    }

    /** A job's life in the field. */
    public record LiveView(LiveOpsStore.Live live, List<LiveOpsStore.RecordedEvent> events,
            List<LiveOpsStore.FiredStage> slaStages, List<LiveOpsStore.JobException> exceptions,
            List<LiveOpsStore.CustomerUpdate> customerUpdates) {}

    @Operation(summary = "Report a field event: EN_ROUTE, ARRIVED, COMPLETED, DELAYED, PART_MISSING or CANCELLED",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = FieldEvent.class))))
    @PostMapping(path = "/api/v1/jobs/{id}/events", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.ALL_VALUE})
    public LiveView report(@PathVariable String id,
            @org.springframework.web.bind.annotation.RequestBody(required = false) String payload,
            Principal principal) {
        operations.report(id, payload, "user:" + principal.getName());
        return live(id);
    }

    @Operation(summary = "A job's live state, field events, SLA stages fired, exceptions and customer updates")
    @GetMapping("/api/v1/jobs/{id}/live")
    public LiveView live(@PathVariable String id) {
        LiveOpsStore.Live live = store.live(id).orElseThrow(() -> new NoSuchElementException("no job with id '" + id
                + "'"));
        return new LiveView(live, store.events(id), store.stages(id), store.exceptions(id), store.customerUpdates(id));
    }

    @Operation(summary = "Open exceptions, oldest first: the built-in escalation inbox")
    @GetMapping("/api/v1/exceptions")
    public List<LiveOpsStore.JobException> openExceptions(
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            io.dispatchgateway.core.model.TenantScope scope) {
        return store.openExceptions(scope, limit);
    }

    @Operation(summary = "Mark a customer update draft as sent (the customer-update delay ends here)")
    @PostMapping("/api/v1/jobs/{id}/customer-updates/{updateId}/sent")
    public LiveOpsStore.CustomerUpdate sent(@PathVariable String id, @PathVariable long updateId,
            Principal principal) {
        return store.sent(id, updateId, "user:" + principal.getName()).orElseThrow(() -> new NoSuchElementException(
                "job " + id + " has no customer update " + updateId));
    }
}
