package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.port.EscalationChannel;
import io.dispatchgateway.gateway.persistence.AuditLog;
import org.springframework.stereotype.Component;

/**
 * Sends live-operation escalations through the escalation channel. A channel that fails does not stop the rule
 * that escalated: the failure is audited, and the exception stays listed at {@code GET /api/v1/exceptions}.
 */
@Component
public class EscalationSender {

    private final EscalationChannel channel;
    private final AuditLog audit;

    public EscalationSender(EscalationChannel channel, AuditLog audit) {
        this.channel = channel;
        this.audit = audit;
    }

    public void send(String jobId, String kind, String message) {
        try {
            channel.escalate(new EscalationChannel.Escalation(jobId, kind, message));
        } catch (RuntimeException e) {
            audit.record(jobId, "system:escalation", "escalation-not-sent", kind + ": " + e.getMessage()
                    + "; it stays in GET /api/v1/exceptions");
        }
    }
}
