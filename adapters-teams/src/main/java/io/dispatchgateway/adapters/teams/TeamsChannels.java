package io.dispatchgateway.adapters.teams;

import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.core.port.ApprovalChannel.PlanReview;
import io.dispatchgateway.core.port.EscalationChannel;

/**
 * Approval requests and plan proposals waiting for a dispatcher to the dispatchers' webhook, escalations to the managers' (or the dispatchers'); reminders
 * meant for a technician go to the technicians' channel when it is configured.
 */
public class TeamsChannels implements ApprovalChannel, EscalationChannel {

    /** The escalation kind of the SLA monitor's urgent reminder to the assigned technician. */
    static final String TECHNICIAN_REMINDER = "technician-reminder";

    private final TeamsWebhook webhook;
    private final ApprovalCards cards;
    private final TeamsProperties properties;

    public TeamsChannels(TeamsWebhook webhook, ApprovalCards cards, TeamsProperties properties) {
        this.webhook = webhook;
        this.cards = cards;
        this.properties = properties;
    }

    @Override
    public void requestApproval(ApprovalRequest request) {
        webhook.post(properties.approvalWebhook(request.job().tenant()), cards.approvalMessage(request));
    }

    @Override
    public void requestPlanReview(PlanReview review) {
        // A review of one tenant's work to that tenant's dispatchers; one spanning tenants to the default channel.
        String tenant = review.tenants().size() == 1 ? review.tenants().get(0) : null;
        webhook.post(properties.approvalWebhook(tenant), cards.planReviewMessage(review));
    }

    @Override
    public void escalate(Escalation escalation) {
        // A reminder for the technician goes to their own chat, else the technicians' channel, else the managers.
        java.net.URI own = escalation.technicianId() == null ? null
                : properties.technicianWebhooks().get(escalation.technicianId());
        boolean forTechnician = TECHNICIAN_REMINDER.equals(escalation.kind());
        webhook.post(forTechnician && own != null ? own
                : forTechnician && properties.packWebhookUrl() != null ? properties.packWebhookUrl()
                : properties.managerWebhook(escalation.tenant()), cards.escalationMessage(escalation));
    }
}
