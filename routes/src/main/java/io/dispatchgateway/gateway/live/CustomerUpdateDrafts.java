package io.dispatchgateway.gateway.live;

import io.dispatchgateway.gateway.config.GatewayProperties;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Templated messages to the customer for every ETA change and exception: what happened and the new arrival
 * time, in the operating time zone. They are kept with their history as drafts; a dispatcher sends them (and
 * may edit them first), and the time from the change to sending is the customer-update delay.
 */
@Component
public class CustomerUpdateDrafts {

    /** Why the customer hears from us. */
    public enum Reason { DELAYED, REASSIGNED, PART_PICKUP, PAUSED, SLA_BREACHED, CANCELLED }

    private final LiveOpsStore store;
    private final ZoneId zone;
    private final DateTimeFormatter time = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

    public CustomerUpdateDrafts(LiveOpsStore store, GatewayProperties properties) {
        this.store = store;
        this.zone = properties.zone();
    }

    public void draft(String jobId, String customerName, Reason reason, Instant newEta, Instant changedAt) {
        String when = newEta == null ? null : time.format(newEta.atZone(zone));
        String greeting = "Hello " + (customerName == null ? "" : customerName) + ", ";
        String text = switch (reason) {
            case DELAYED -> greeting + "your technician is running late. The new expected arrival is " + when + ".";
            case REASSIGNED -> greeting + "to reach you sooner we have sent another technician, expected at " + when
                    + ".";
            case PART_PICKUP -> greeting + "your technician is collecting a part needed for your repair and now"
                    + " expects to arrive at " + when + ".";
            case PAUSED -> greeting + "a part needed for your repair is not available right away. We now commit to"
                    + " arriving by " + when + " and will confirm as soon as the part is secured.";
            case SLA_BREACHED -> greeting + "we are sorry: we have missed the arrival time we promised. A supervisor"
                    + " is on it and will contact you shortly" + (when == null ? "." : "; current estimate " + when + ".");
            case CANCELLED -> greeting + "your service visit has been cancelled. Please contact us to arrange"
                    + " another time if it is still needed.";
        };
        store.draft(jobId, reason.name(), newEta, text, changedAt);
    }
}
