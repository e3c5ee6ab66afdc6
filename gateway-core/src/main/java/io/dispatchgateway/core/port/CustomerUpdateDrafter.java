package io.dispatchgateway.core.port;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Writes the text of a customer update for a dispatcher to send: what happened and the new arrival time. The
 * embedded default fills templates; another drafter (a language model, say) can replace it, and its text is
 * still only a draft a person sends. The gateway stores the template's text at once and asks any other drafter
 * after the change is committed, outside every transaction, so a slow drafter holds nothing up; its text then
 * replaces the template's as long as nobody has sent the draft.
 */
public interface CustomerUpdateDrafter {

    String draft(Update update);

    /**
     * The draft with what was asked to write it. A drafter that asks elsewhere (a language model) says whom, what
     * it sent and what came back, so the gateway keeps the exchange with the job; others need not override it.
     */
    default Drafted drafted(Update update) {
        return new Drafted(draft(update), null, null, null, null);
    }

    /**
     * A draft and how it came about.
     *
     * @param text the draft to keep
     * @param model who was asked; null when nobody was
     * @param prompt what was sent, as sent
     * @param output what came back, as received
     * @param refusal why the answer was not used and {@code text} is the fallback's; null when it was used
     */
    record Drafted(String text, String model, String prompt, String output, String refusal) {}

    /** Who the drafts are attributed to ({@code templates}, {@code model:<name>}). */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * What the customer should hear about.
     *
     * @param tenant the job's tenant: a drafter that sends text elsewhere must check it may
     * @param reason DELAYED, REASSIGNED, PART_PICKUP, PAUSED, SLA_BREACHED or CANCELLED
     * @param newEta the new arrival time, when there is one
     * @param zone the operating time zone to state times in
     */
    record Update(String tenant, String jobId, String customerName, String reason, Instant newEta, ZoneId zone) {}
}
