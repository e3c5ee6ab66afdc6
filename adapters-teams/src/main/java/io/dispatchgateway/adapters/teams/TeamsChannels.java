package io.dispatchgateway.adapters.teams;

import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.core.port.EscalationChannel;

/** Approval requests to the dispatchers' webhook, escalations to the managers' (or the dispatchers'). */
public class TeamsChannels implements ApprovalChannel, EscalationChannel {

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
        webhook.post(properties.approvalWebhookUrl(), cards.approvalMessage(request));
    }

    @Override
    public void escalate(Escalation escalation) {
        webhook.post(properties.managerWebhook(), cards.escalationMessage(escalation));
    }
}
