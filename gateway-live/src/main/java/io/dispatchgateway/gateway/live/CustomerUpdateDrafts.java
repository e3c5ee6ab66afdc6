package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * A customer update for every ETA change and exception: its text from the {@link CustomerUpdateDrafter}
 * (templates by default), kept with its history as a draft; a dispatcher sends it (and may edit it first), and
 * the time from the change to sending is the customer-update delay.
 */
@Component
public class CustomerUpdateDrafts {

    /** Why the customer hears from us. */
    public enum Reason { DELAYED, REASSIGNED, PART_PICKUP, PAUSED, SLA_BREACHED, CANCELLED }

    private final LiveOpsStore store;
    private final CustomerUpdateDrafter drafter;
    private final ZoneId zone;

    public CustomerUpdateDrafts(LiveOpsStore store, CustomerUpdateDrafter drafter, GatewayProperties properties) {
        this.store = store;
        this.drafter = drafter;
        this.zone = properties.zone();
    }

    public void draft(String jobId, String customerName, Reason reason, Instant newEta, Instant changedAt) {
        String text = drafter.draft(new CustomerUpdateDrafter.Update(jobId, customerName, reason.name(), newEta, zone));
        store.draft(jobId, reason.name(), newEta, text, changedAt);
    }
}
