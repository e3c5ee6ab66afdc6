package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.gateway.classify.IncidentSummaries;
import io.dispatchgateway.core.dispatch.DispatchPackComposer;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The technician's pack for an assignment, as planned (the pickups of the job's place in the plan), with a
 * fresh signed link: the one pack rule for an assignment and a reassignment.
 */
@Component
public class DispatchPacks {

    private final DispatchPackComposer composer;
    private final PackLinks links;
    private final InventoryLookup inventory;
    private final IncidentSummaries summaries;

    public DispatchPacks(DispatchPackComposer composer, PackLinks links, InventoryLookup inventory,
            IncidentSummaries summaries) {
        this.summaries = summaries;
        this.composer = composer;
        this.links = links;
        this.inventory = inventory;
    }

    /** @param visit the job's place in the technician's plan */
    public DispatchPack signed(StoredJob stored, Customer customer, Technician technician, Assignment assignment,
            PlannedVisit visit, Instant now) {
        DispatchPack pack = composer.compose(stored.job(), stored.classification(), customer, technician,
                assignment, inventory.depots(), now, visit);
        DispatchPack summarized = summaries.of(stored.job().id())
                .map(summary -> pack.withIncidentSummary(summary.text(), summary.model())).orElse(pack);
        return links.signed(summarized, assignment.assignedAt());
    }
}
