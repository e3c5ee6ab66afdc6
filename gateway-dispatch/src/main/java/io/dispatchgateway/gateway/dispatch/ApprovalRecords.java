package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Minutes;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a dispatcher's decision on an approval in one transaction: the approval (only if nobody decided it
 * first), a rejected job's move and freed place in its plan, the audit line with any override of the hard rules
 * (and the managers' message about it), the priority-conflict exceptions it settles, and the KPI fact with the
 * time the decision took.
 */
@Component
public class ApprovalRecords {

    private final JobStore jobs;
    private final PlanBook plans;
    private final AuditLog audit;
    private final EscalationSender escalations;
    private final LiveOpsStore liveOps;
    private final KpiSink kpis;
    private final TransactionTemplate tx;

    public ApprovalRecords(JobStore jobs, PlanBook plans, AuditLog audit, EscalationSender escalations,
            LiveOpsStore liveOps, KpiSink kpis, TransactionTemplate tx) {
        this.jobs = jobs;
        this.plans = plans;
        this.audit = audit;
        this.escalations = escalations;
        this.liveOps = liveOps;
        this.kpis = kpis;
        this.tx = tx;
    }

    /**
     * @param overriding the hard rules the approved technician fails, or null
     * @return false when somebody decided the approval first
     */
    boolean record(Approval approval, Approval decided, String overriding, String comment, String user) {
        Boolean won = tx.execute(status -> {
            if (!jobs.decide(decided)) {
                return false;
            }
            if (decided.status() == ApprovalStatus.REJECTED) {
                jobs.moveStatus(approval.jobId(), JobStatus.PENDING_APPROVAL, JobStatus.REJECTED);
                jobs.moveStatus(approval.jobId(), JobStatus.ESCALATED, JobStatus.REJECTED);
                plans.release(approval.jobId());
            }
            audit.record(approval.jobId(), "user:" + user, decided.status() == ApprovalStatus.APPROVED
                    ? AuditAction.APPROVED : AuditAction.REJECTED, approval.id()
                    + (decided.technicianId() == null ? "" : ": technician " + decided.technicianId()
                            + (decided.technicianId().equals(approval.recommendedTechnicianId()) ? " (recommended)"
                                    : approval.recommendedTechnicianId() == null ? " (none was recommended)"
                                            : " (instead of " + approval.recommendedTechnicianId() + ")"))
                    + (overriding == null ? "" : "; overriding the hard rules: " + overriding)
                    + (comment == null || comment.isBlank() ? "" : "; comment: " + comment));
            if (overriding != null) {
                // The managers hear of every override of the hard rules, with the rules and the reason.
                escalations.send(approval.jobId(), "rule-override", "Job " + approval.jobId() + " was approved to "
                        + decided.technicianId() + " by " + user + " over the hard rules: " + overriding
                        + ". Reason: " + comment);
            }
            String closing = decided.status() == ApprovalStatus.APPROVED ? "approved " + decided.technicianId()
                    : "rejected";
            liveOps.closeExceptions(approval.jobId(), ExceptionRules.Family.PRIORITY_CONFLICT, "user:" + user,
                    closing);
            if (approval.bumpsJobId() != null && !(decided.status() == ApprovalStatus.APPROVED
                    && decided.technicianId().equals(approval.recommendedTechnicianId()))) {
                liveOps.closeExceptions(approval.bumpsJobId(), ExceptionRules.Family.PRIORITY_CONFLICT,
                        "user:" + user, "not bumped: " + closing);
            }
            double minutes = Minutes.between(approval.requestedAt(), decided.decidedAt());
            kpis.record(new KpiSink.KpiFact(approval.jobId(), decided.status() == ApprovalStatus.APPROVED
                    ? "approved" : "rejected", decided.decidedAt(), decided.technicianId() == null
                    ? Map.of("actor", "user:" + user, "minutes", minutes)
                    : Map.of("actor", "user:" + user, "technicianId", decided.technicianId(), "minutes", minutes)));
            return true;
        });
        return Boolean.TRUE.equals(won);
    }

}
