package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.core.approval.ApprovalPolicy;
import io.dispatchgateway.core.approval.GateDecision;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.gateway.live.ConflictBumps;
import io.dispatchgateway.gateway.live.PriorityConflicts;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.mappings.event.JobEventType;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Route {@code approval-gate}: whether a ranked job is assigned at once or waits for a dispatcher (the approval
 * policy, a priority conflict over one technician, or office work the gateway cannot hold).
 */
@Component
public class GateStage {

    private final StageJobs stage;
    private final JobStore jobs;
    private final AuditLog audit;
    private final OfficeWork office;
    private final PriorityConflicts conflicts;
    private final ApprovalPolicy approvalPolicy;
    private final ApprovalRequests requests;
    private final ConflictBumps bumps;

    public GateStage(StageJobs stage, JobStore jobs, AuditLog audit, OfficeWork office, PriorityConflicts conflicts,
            ApprovalPolicy approvalPolicy, ApprovalRequests requests, ConflictBumps bumps) {
        this.stage = stage;
        this.jobs = jobs;
        this.audit = audit;
        this.office = office;
        this.conflicts = conflicts;
        this.approvalPolicy = approvalPolicy;
        this.requests = requests;
        this.bumps = bumps;
    }

    /** @return the assignment event when the job may be assigned automatically, else null */
    public JobEvent gate(JobEvent event) {
        StageJobs.Incoming in = stage.read(event);
        StoredJob stored = in.stored();
        if (stored.status() != JobStatus.RANKED) {
            return stage.skip(in.event(), stored);
        }
        Customer customer = stage.customer(stored);
        String committed = stored.job().committedTechnicianId();
        if (office.holds(stored)) {
            // The office's work: it stays with the technician the source system's dispatcher chose.
            if (jobs.markGateCleared(in.jobId())) {
                audit.record(in.jobId(), "source:" + stored.job().source(), AuditAction.COMMITTED_BY_SOURCE,
                        "assigned to " + committed + " in " + stored.job().source() + "; held in that plan");
            }
            return stage.next(in.jobId(), JobEventType.ASSIGNMENT_AUTOMATIC, "source:" + stored.job().source());
        }
        Optional<PriorityConflicts.Found> conflict = conflicts.find(stored, customer);
        if (conflict.isPresent()) {
            PriorityConflicts.Found found = conflict.get();
            requests.open(new ApprovalRequests.Request(found.approval(), "rule:priority-conflict", false,
                    "priority-conflict", () -> bumps.record(found)));
            return null;
        }
        GateDecision evaluated = approvalPolicy.evaluate(stored.classification(), customer,
                stored.recommendation());
        GateDecision decision = committed == null ? evaluated : OfficeWork.refused(stored, evaluated);
        String actor = "rule:approval-policy";
        if (!decision.approvalRequired()) {
            // Recorded once; a redelivered event still passes on (the assignment itself is conditional).
            if (jobs.markGateCleared(in.jobId())) {
                audit.record(in.jobId(), actor, AuditAction.AUTO_ASSIGN_CLEARED, "no approval rule applies");
            }
            return stage.next(in.jobId(), JobEventType.ASSIGNMENT_AUTOMATIC, actor);
        }
        Approval approval = requests.pending(in.jobId(), decision.reasons(),
                stored.recommendation().best().map(RankedOption::technicianId).orElse(null));
        String reasons = String.join("; ", decision.reasons());
        requests.open(new ApprovalRequests.Request(approval, actor, decision.escalation(),
                decision.escalation() ? "no-eligible-technician" : null, () -> {
                    if (decision.escalation()) {
                        audit.record(in.jobId(), actor, AuditAction.ESCALATION_NO_ELIGIBLE_TECHNICIAN,
                                "for the escalation channel: " + reasons);
                    }
                }));
        return null;
    }
}
