package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.WriteBackQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a job in the field to another technician: its new place in that technician's plan, its pack as planned
 * there, the ETA, the write-back (unless the source made the change), the audit line and the KPI fact, in one
 * transaction. The job starts over with the new technician, whatever state it had with the old one.
 */
@Component
public class JobMoves {

    private final Rankings rankings;
    private final PlanBook plans;
    private final DispatchPacks packs;
    private final JobStore jobs;
    private final WriteBackQueue queue;
    private final AuditLog audit;
    private final KpiSink kpis;
    private final TransactionTemplate tx;

    public JobMoves(Rankings rankings, PlanBook plans, DispatchPacks packs, JobStore jobs, WriteBackQueue queue,
            AuditLog audit, KpiSink kpis, TransactionTemplate tx) {
        this.rankings = rankings;
        this.plans = plans;
        this.packs = packs;
        this.jobs = jobs;
        this.queue = queue;
        this.audit = audit;
        this.kpis = kpis;
        this.tx = tx;
    }

    /**
     * Stores the job's new assignment, plan place and pack.
     *
     * @param eta when the new technician is expected on site, if known
     * @throws InvalidRequestException when the job changed meanwhile
     */
    public void move(JobStore.StoredJob stored, Customer customer, Technician technician, Assignment assignment,
            String reason, String actor, Instant eta, Instant now) {
        String jobId = stored.job().id();
        String excluded = stored.recommendation().exclusion(technician.id()).map(JobMoves::describe).orElse("");
        AssignmentPlanner.Slot slot = rankings.slotFor(stored, customer, technician.id());
        String breaks = slot.breaks().isEmpty() ? "" : "; it breaks " + ExclusionReason.describe(slot.breaks());
        Boolean done = tx.execute(status -> {
            String replaced = assignment.replacedTechnicianId();
            plans.place(jobId, slot);
            plans.reportEta(jobId, eta);
            // The job starts over with the new technician (it may have been en route or on site with the old one):
            // its times, pickups and pack are those of an assigned visit in the new plan.
            Visit fresh = new Visit(jobId, Visit.State.ASSIGNED, stored.job().location().point(),
                    stored.classification().estimatedDuration(), stored.classification().slaDeadline(),
                    stored.job().arrivalWindow(), stored.job().notBefore(), stored.job().partsNeeded(),
                    stored.classification().priority(), null, eta);
            AssignmentPlanner.Commitment placed = plans.commit(technician, fresh, slot.position(), now);
            Instant arrival = eta != null ? eta : placed.eta();
            Instant busyUntil = placed.visit().busyUntil(now);
            DispatchPack pack = packs.signed(stored, customer, technician, assignment, placed.visit(), now);
            if (!jobs.reassigned(jobId, assignment, pack, busyUntil, arrival)) {
                status.setRollbackOnly();
                return false;
            }
            plans.refresh(technician.id());
            if (replaced != null) {
                plans.refresh(replaced);
            }
            if (assignment.mode() != AssignmentMode.IMPORTED) {
                queue.enqueue(jobId);
            }
            audit.record(jobId, actor, AuditAction.REASSIGNED, "from " + replaced + " to "
                    + technician.id() + (reason == null || reason.isBlank() ? "" : "; reason: " + reason) + excluded
                    + breaks + "; " + (placed.position() + 1) + " of " + placed.plan().visits().size() + " in the plan");
            kpis.record(new KpiSink.KpiFact(jobId, "reassigned", now, Map.of("actor", actor,
                    "technicianId", technician.id())));
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            throw new InvalidRequestException(List.of(new FieldProblem("jobId",
                    "job " + jobId + " changed while it was being reassigned; read it again")));
        }
    }

    private static String describe(ExcludedTechnician excluded) {
        return "; the ranking had excluded them: " + ExclusionReason.describe(excluded.reasons());
    }
}
