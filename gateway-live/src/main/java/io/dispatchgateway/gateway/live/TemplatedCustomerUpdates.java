package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The embedded customer-update drafter: one template per reason, the time in the operating zone. */
public class TemplatedCustomerUpdates implements CustomerUpdateDrafter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

    @Override
    public String name() {
        return "templates";
    }

    @Override
    public String draft(Update update) {
        String when = update.newEta() == null ? null : TIME.format(update.newEta().atZone(update.zone()));
        String greeting = "Hello " + (update.customerName() == null ? "" : update.customerName()) + ", ";
        return switch (update.reason()) {
            case "DELAYED" -> greeting + "your technician is running late. The new expected arrival is " + when + ".";
            case "REASSIGNED" -> greeting + "to reach you sooner we have sent another technician, expected at " + when
                    + ".";
            case "PART_PICKUP" -> greeting + "your technician is collecting a part needed for your repair and now"
                    + " expects to arrive at " + when + ".";
            case "PAUSED" -> greeting + "a part needed for your repair is not available right away. We now commit to"
                    + " arriving by " + when + " and will confirm as soon as the part is secured.";
            case "SLA_BREACHED" -> greeting + "we are sorry: we have missed the arrival time we promised. A supervisor"
                    + " is on it and will contact you shortly" + (when == null ? "." : "; current estimate " + when + ".");
            case "CANCELLED" -> greeting + "your service visit has been cancelled. Please contact us to arrange"
                    + " another time if it is still needed.";
            default -> greeting + "there is news about your service visit" + (when == null ? "." : ": we now expect"
                    + " to arrive at " + when + ".");
        };
    }
}
