package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.PackDelivery;
import io.dispatchgateway.gateway.dispatch.PackLinks;
import io.dispatchgateway.gateway.persistence.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The technician's pack once the missing-part rule sends them to a depot on the way: the parts to pick up and
 * where, the new ETA, with a fresh link; delivered to the technician, or kept for the pack page when delivery
 * fails.
 */
@Component
public class PickupPacks {

    private final InventoryLookup inventory;
    private final PackLinks links;
    private final PackDelivery delivery;
    private final AuditLog audit;
    private final Clock clock;

    public PickupPacks(InventoryLookup inventory, PackLinks links, PackDelivery delivery, AuditLog audit,
            Clock clock) {
        this.inventory = inventory;
        this.links = links;
        this.delivery = delivery;
        this.audit = audit;
        this.clock = clock;
    }

    DispatchPack withPickup(DispatchPack pack, List<String> parts, Decision decision, Instant assignedAt) {
        Depot depot = inventory.find(decision.depotId()).orElseThrow();
        List<String> rules = new ArrayList<>();
        rules.add("Pick up " + String.join(", ", parts) + " at " + depot.name() + " (" + depot.id()
                + ") on your way; you are now expected on site at " + decision.newEta() + ".");
        rules.addAll(pack.escalationRules());
        List<String> missing = new ArrayList<>(pack.partsMissingFromTruck());
        parts.stream().filter(p -> !missing.contains(p)).forEach(missing::add);
        List<String> required = new ArrayList<>(pack.requiredParts());
        parts.stream().filter(p -> !required.contains(p)).forEach(required::add);
        return links.signed(new DispatchPack(pack.jobId(), pack.technicianId(), pack.issueSummary(), pack.category(),
                pack.priority(), pack.slaDeadline(), pack.customerName(), pack.customerNotes(), pack.siteAddress(),
                pack.navigationUrl(), required, missing, rules, pack.fallbackTechnicianId(), clock.instant(), null,
                pack.incidentSummary(), pack.incidentSummaryBy()), assignedAt);
    }

    void deliver(DispatchPack pack, String jobId) {
        try {
            delivery.deliver(pack);
        } catch (RuntimeException e) {
            audit.record(jobId, "system:pack-delivery", AuditAction.PACK_NOT_DELIVERED, e.getMessage()
                    + "; the pack page shows the update");
        }
    }
}
