package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.gateway.dispatch.EscalationSender;

import io.dispatchgateway.gateway.dispatch.StageSender;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches approvals nobody decides. Past the timeout for the job's priority an approval is escalated once to the
 * escalation channel (the managers); {@code fallback-after} later the configured fallback applies: keep waiting,
 * or assign the best option on the system's behalf, saying so in the audit.
 */
@Component
public class ApprovalTimeouts {

    /** The actor of decisions the system takes when nobody decided. */
    public static final String SYSTEM = "system:approval-timeout";
    private static final int BATCH = 50;

    private final JobStore jobs;
    private final AuditLog audit;
    private final EscalationSender escalations;
    private final TransactionTemplate tx;
    private final StageSender stages;
    private final GatewayProperties properties;
    private final Clock clock;

    public ApprovalTimeouts(JobStore jobs, AuditLog audit, EscalationSender escalations, StageSender stages,
            GatewayProperties properties, Clock clock, TransactionTemplate tx) {
        this.jobs = jobs;
        this.tx = tx;
        this.audit = audit;
        this.escalations = escalations;
        this.stages = stages;
        this.properties = properties;
        this.clock = clock;
    }

    /** How many pages of escalated approvals one check looks through for the fallback. */
    private static final int MAX_FALLBACK_PAGES = 20;

    /** @return how many approvals were escalated or fell back */
    public int check() {
        Instant now = clock.instant();
        int acted = 0;
        for (Approval approval : jobs.pendingNotEscalated(BATCH)) {
            Priority priority = jobs.find(approval.jobId()).map(j -> j.classification().priority())
                    .orElse(Priority.NORMAL);
            Duration timeout = properties.approval().timeouts().getOrDefault(priority, Duration.ofHours(1));
            if (approval.requestedAt().plus(timeout).isBefore(now)) {
                String message = "approval " + approval.id() + " for a " + priority + " job has waited over "
                        + timeout.toMinutes() + " min: " + String.join("; ", approval.reasons());
                // Marked and queued in one transaction: of several instances one escalates it, and the outbox
                // sends it once that commits (again until the channel takes it).
                Boolean escalated = tx.execute(status -> {
                    if (!jobs.markEscalated(approval.id())) {
                        return false;
                    }
                    escalations.send(approval.jobId(), "approval-timeout", message);
                    audit.record(approval.jobId(), SYSTEM, AuditAction.APPROVAL_ESCALATED, message);
                    return true;
                });
                acted += Boolean.TRUE.equals(escalated) ? 1 : 0;
            }
        }
        if (properties.approval().fallback() == GatewayProperties.Approval.Fallback.ASSIGN_BEST) {
            // Paged, so approvals the fallback can never act on (bumps, nobody to assign) do not hide the others.
            Instant before = now.minus(properties.approval().fallbackAfter());
            int offset = 0;
            for (int pages = 0; pages < MAX_FALLBACK_PAGES; pages++) {
                List<Approval> page = jobs.escalatedBefore(before, offset, BATCH);
                int assigned = 0;
                for (Approval approval : page) {
                    assigned += assignBest(approval, now) ? 1 : 0;
                }
                acted += assigned;
                offset += page.size() - assigned; // the assigned ones leave the list
                if (page.size() < BATCH) {
                    break;
                }
            }
        }
        return acted;
    }

    private boolean assignBest(Approval approval, Instant now) {
        if (approval.managerOnly()) {
            return false; // bumping a committed job is never decided by a timeout
        }
        Optional<JobStore.StoredJob> job = jobs.find(approval.jobId());
        if (job.map(j -> j.classification() != null && j.classification().proposedBy() != null).orElse(false)) {
            return false; // a language model classified it: only a person confirms that, never a timeout
        }
        // The approval's own proposal (after a priority conflict it is not the ranking's best), else the best.
        String best = approval.recommendedTechnicianId() != null ? approval.recommendedTechnicianId()
                : job.flatMap(j -> j.recommendation().best()).map(RankedOption::technicianId).orElse(null);
        if (best == null) {
            return false; // nobody to assign: the escalation stands and a human must act
        }
        Approval decided = approval.decide(ApprovalStatus.APPROVED, SYSTEM, now, best,
                "nobody decided in time; the best option was assigned");
        if (!jobs.decide(decided)) {
            return false;
        }
        audit.record(approval.jobId(), SYSTEM, AuditAction.APPROVAL_FALLBACK, "nobody decided " + approval.id()
                + " after the escalation; assigned the best option " + best);
        stages.toAssignment(approval.jobId(), SYSTEM);
        return true;
    }
}
