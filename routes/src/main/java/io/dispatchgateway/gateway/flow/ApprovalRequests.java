package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.dispatch.ApprovalNotices;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A ranked job that waits for a dispatcher: its approval (or escalation) is stored with the job's move, its
 * audit line, KPI fact and escalation message in one transaction, and the dispatchers are told once it commits.
 */
@Component
public class ApprovalRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalRequests.class);

    private final JobStore jobs;
    private final AuditLog audit;
    private final KpiSink kpis;
    private final EscalationSender escalations;
    private final ApprovalNotices notices;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ApprovalRequests(JobStore jobs, AuditLog audit, KpiSink kpis, EscalationSender escalations,
            ApprovalNotices notices, TransactionTemplate tx, Clock clock) {
        this.jobs = jobs;
        this.audit = audit;
        this.kpis = kpis;
        this.escalations = escalations;
        this.notices = notices;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new pending approval of the job, asked now, recommending {@code technicianId} (null when nobody). */
    public Approval pending(String jobId, List<String> reasons, String technicianId) {
        return Approval.pending(Ids.approval(), jobId, reasons, technicianId, clock.instant());
    }

    /**
     * What a request says beside the approval.
     *
     * @param actor the rule that asks
     * @param escalation whether nobody can be assigned (the job is escalated rather than pending)
     * @param channel the escalation channel's message type, or null for none
     * @param alongside more to store in the same transaction
     */
    public record Request(Approval approval, String actor, boolean escalation, String channel, Runnable alongside) {}

    /** Moves the ranked job to wait for a dispatcher; nothing happens when it moved on already. */
    public void open(Request request) {
        Approval approval = request.approval();
        String jobId = approval.jobId();
        String reasons = String.join("; ", approval.reasons());
        Boolean moved = tx.execute(status -> {
            if (!jobs.moveStatus(jobId, JobStatus.RANKED,
                    request.escalation() ? JobStatus.ESCALATED : JobStatus.PENDING_APPROVAL)) {
                return false;
            }
            jobs.insertApproval(approval);
            audit.record(jobId, request.actor(),
                    request.escalation() ? AuditAction.ESCALATED : AuditAction.APPROVAL_REQUESTED,
                    approval.id() + ": " + reasons);
            LOG.info("job {} waits for a dispatcher ({}): {}", jobId, approval.id(), reasons);
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("actor", request.actor());
            fact.put("escalation", request.escalation());
            kpis.record(new KpiSink.KpiFact(jobId, request.escalation() ? "escalated" : "approval-requested",
                    approval.requestedAt(), fact));
            if (request.channel() != null) {
                // Stored with the decision, sent once it commits (and again until the channel takes it).
                escalations.send(jobId, request.channel(), reasons);
            }
            request.alongside().run();
            return true;
        });
        if (Boolean.TRUE.equals(moved)) {
            notices.send(approval);
        }
    }
}
