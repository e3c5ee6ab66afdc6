package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.dispatch.Reassignment;
import io.dispatchgateway.gateway.live.CustomerUpdateDrafts.Reason;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out the missing-part rule's decision: a pickup on the way (the pack says where, the ETA moves), a
 * reassignment to the technician whose truck has the parts (a person decides for the office's own work), or a
 * pause until restock with the dispatchers told.
 */
@Component
public class MissingPartOutcomes {

    private static final String RULE = "rule:missing-part";

    private final JobStore jobs;
    private final LiveOpsStore store;
    private final io.dispatchgateway.gateway.dispatch.PlanBook plans;
    private final ExceptionTrail trail;
    private final EscalationSender escalations;
    private final Reassignment reassignment;
    private final PickupPacks pickupPacks;
    private final TransactionTemplate tx;

    public MissingPartOutcomes(JobStore jobs, LiveOpsStore store, io.dispatchgateway.gateway.dispatch.PlanBook plans,
            ExceptionTrail trail, EscalationSender escalations, Reassignment reassignment, PickupPacks pickupPacks,
            TransactionTemplate tx) {
        this.jobs = jobs;
        this.store = store;
        this.plans = plans;
        this.trail = trail;
        this.escalations = escalations;
        this.reassignment = reassignment;
        this.pickupPacks = pickupPacks;
        this.tx = tx;
    }

    /** @param source the data the rule decided on */
    void carryOut(JobStore.StoredJob stored, Technician current, List<String> parts, Decision decision,
            String source, Instant now) {
        String jobId = stored.job().id();
        switch (decision.outcome()) {
            case PICKUP -> {
                DispatchPack pack = pickupPacks.withPickup(stored.pack(), parts, decision,
                        stored.assignment().assignedAt());
                tx.executeWithoutResult(status -> {
                    jobs.updatePack(jobId, pack);
                    store.setEta(jobId, decision.newEta());
                    plans.reportEta(jobId, decision.newEta());
                    plans.refresh(current.id());
                    trail.settled(jobId, decision, source, RULE, AuditAction.PART_PICKUP, decision.reason());
                    trail.draft(stored, Reason.PART_PICKUP, decision.newEta(), now);
                });
                pickupPacks.deliver(pack, jobId);
            }
            case REASSIGN -> {
                if (stored.assignment() != null && stored.assignment().mode() == AssignmentMode.IMPORTED) {
                    // The office's work is reassigned by a person only: the rule's choice goes to a dispatcher.
                    trail.note(jobId, RULE, AuditAction.REASSIGNMENT_SUGGESTED,
                            decision.reason() + "; the office assigned this job, so a dispatcher decides");
                    escalations.send(jobId, "missing-part", "Job " + jobId + ": " + decision.reason()
                            + "; not reassigned to " + decision.technicianId() + " (the office assigned it).");
                    return;
                }
                reassignment.reassign(jobId, decision.technicianId(), decision.reason(), RULE, decision.newEta());
                tx.executeWithoutResult(status -> {
                    trail.settled(jobId, decision, source, RULE, null, null);
                    trail.draft(stored, Reason.REASSIGNED, decision.newEta(), now);
                });
            }
            default -> {
                Boolean paused = tx.execute(status -> {
                    if (!store.move(jobId, stored.status(), JobStatus.PAUSED, null, null, null)) {
                        return false;
                    }
                    store.setEta(jobId, decision.newEta());
                    plans.reportEta(jobId, decision.newEta());
                    plans.refresh(current.id());
                    trail.opened(jobId, decision, source, RULE, AuditAction.PAUSED, decision.reason());
                    trail.draft(stored, Reason.PAUSED, decision.newEta(), now);
                    return true;
                });
                if (Boolean.TRUE.equals(paused)) {
                    escalations.send(jobId, "job-paused", decision.reason());
                }
            }
        }
    }
}
