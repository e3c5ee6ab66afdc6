package io.dispatchgateway.core.port;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Writes the text of a customer update for a dispatcher to send: what happened and the new arrival time. The
 * embedded default fills templates; another drafter (a language model, say) can replace it, and its text is
 * still only a draft a person sends.
 */
public interface CustomerUpdateDrafter {

    String draft(Update update);

    /**
     * What the customer should hear about.
     *
     * @param reason DELAYED, REASSIGNED, PART_PICKUP, PAUSED, SLA_BREACHED or CANCELLED
     * @param newEta the new arrival time, when there is one
     * @param zone the operating time zone to state times in
     */
    record Update(String jobId, String customerName, String reason, Instant newEta, ZoneId zone) {}
}
