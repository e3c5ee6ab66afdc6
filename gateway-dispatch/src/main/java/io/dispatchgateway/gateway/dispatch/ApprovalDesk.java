package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;

/**
 * Where dispatchers decide pending approvals. The decision is stored with the deciding user before anything
 * else happens; an approval sends the job straight on to assignment.
 */
@Service
public class ApprovalDesk {

    /** What a dispatcher decides. */
    public enum Decision { APPROVE, REJECT }

    /** The approval was decided already; {@code current} says by whom and how. */
    public static class AlreadyDecidedException extends RuntimeException {
        private final transient Approval current;

        public AlreadyDecidedException(Approval current) {
            super("approval " + current.id() + " was already " + current.status() + " by " + current.decidedBy()
                    + " at " + current.decidedAt());
            this.current = current;
        }

        public Approval current() {
            return current;
        }
    }

    private final JobStore jobs;
    private final AuditLog audit;
    private final TechnicianDirectory technicians;
    private final ApprovalRecords records;
    private final StageSender stages;
    private final Clock clock;

    public ApprovalDesk(JobStore jobs, AuditLog audit, TechnicianDirectory technicians, ApprovalRecords records,
            StageSender stages, Clock clock) {
        this.jobs = jobs;
        this.audit = audit;
        this.technicians = technicians;
        this.records = records;
        this.stages = stages;
        this.clock = clock;
    }

    /** Whether the signed-in user may decide approvals only a manager may decide. */
    public static boolean isManager(java.security.Principal principal) {
        return principal instanceof org.springframework.security.core.Authentication authentication
                && authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_MANAGER")
                        || a.getAuthority().equals("ROLE_ADMIN"));
    }

    /**
     * The hard rules {@code technicianId} fails for the job, as its ranking recorded them ("skill (needs gas at
     * level 3)"), or null when they pass (or the ranking did not consider them).
     */
    String brokenRules(String jobId, String technicianId) {
        return jobs.find(jobId).map(JobStore.StoredJob::recommendation).flatMap(r -> r.exclusion(technicianId))
                .map(e -> ExclusionReason.describe(e.reasons())).orElse(null);
    }

    /**
     * Records a decision.
     *
     * @param manager whether the user is a manager (or admin); a bump approval needs one, and so does sending a
     *     technician who fails a hard rule of the job (a missing skill or certification, the shift, the contract),
     *     with a reason, named with the broken rules in the audit
     */
    public Approval decide(String approvalId, Decision decision, String technicianId, String comment, String user,
            boolean manager) {
        Approval approval = jobs.findApproval(approvalId)
                .orElseThrow(() -> new NoSuchElementException("no approval with id '" + approvalId + "'"));
        if (approval.status() != ApprovalStatus.PENDING) {
            throw new AlreadyDecidedException(approval);
        }
        if (approval.managerOnly() && !manager) {
            throw new ManagerRequiredException("approval " + approvalId + " would take "
                    + approval.recommendedTechnicianId() + " off job " + approval.bumpsJobId()
                    + ", a committed job; only a manager may decide it");
        }
        Approval decided;
        String overriding = null;
        if (decision == Decision.APPROVE) {
            String chosen = technicianId == null || technicianId.isBlank() ? approval.recommendedTechnicianId()
                    : technicianId.strip();
            if (chosen == null) {
                throw new InvalidRequestException(List.of(new FieldProblem("technicianId",
                        "is required: no technician was recommended for this job, so name the one to send")));
            }
            String tenant = jobs.find(approval.jobId()).map(j -> j.job().tenant()).orElse(null);
            // Another tenant's technician reads as unknown: the answer must not tell that they exist.
            if (technicians.find(chosen).filter(t -> t.worksFor(tenant)).isEmpty()) {
                throw new InvalidRequestException(List.of(new FieldProblem("technicianId",
                        "no technician with id '" + chosen + "' is known")));
            }
            overriding = brokenRules(approval.jobId(), chosen);
            if (overriding != null && !manager) {
                throw new ManagerRequiredException(chosen + " fails the hard rules for job " + approval.jobId() + ": "
                        + overriding + "; only a manager may send them, with a reason");
            }
            if (overriding != null && (comment == null || comment.isBlank())) {
                throw new InvalidRequestException(List.of(new FieldProblem("comment", "is required to send " + chosen
                        + ", who fails the hard rules for this job: " + overriding)));
            }
            decided = approval.decide(ApprovalStatus.APPROVED, user, clock.instant(), chosen, comment);
        } else {
            decided = approval.decide(ApprovalStatus.REJECTED, user, clock.instant(), null, comment);
        }
        boolean won = records.record(approval, decided, overriding, comment, user);
        if (!won) {
            throw new AlreadyDecidedException(jobs.findApproval(approvalId).orElse(approval));
        }
        if (approval.bumpsJobId() != null && !approval.bumpsJobId().equals("")) {
            boolean bumps = decided.status() == ApprovalStatus.APPROVED
                    && decided.technicianId().equals(approval.recommendedTechnicianId());
            audit.record(approval.bumpsJobId(), "user:" + user,
                    bumps ? AuditAction.BUMP_APPROVED : AuditAction.BUMP_DECLINED,
                    "approval " + approval.id() + " for job " + approval.jobId() + (bumps
                            ? ": " + approval.recommendedTechnicianId() + " moves to it once it is assigned"
                            : ": the job keeps " + approval.recommendedTechnicianId()));
        }
        if (decided.status() == ApprovalStatus.APPROVED) {
            stages.toAssignment(approval.jobId(), "user:" + user);
        }
        return decided;
    }
}
