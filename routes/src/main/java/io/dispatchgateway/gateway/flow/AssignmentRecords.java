package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Minutes;
import io.dispatchgateway.core.model.Placement;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.dispatch.DispatchPacks;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.gateway.persistence.WriteBackQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores an assignment in the caller's transaction: the job's move with its pack (as planned), the committed
 * ETA, the technician's plan laid out again, the write-back queued (not for the office's own work), the audit
 * lines and the KPI fact.
 */
@Component
public class AssignmentRecords {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentRecords.class);

    private final JobStore jobs;
    private final DispatchPacks packs;
    private final LiveOpsStore liveOps;
    private final PlanBook plans;
    private final WriteBackQueue writeBacks;
    private final AuditLog audit;
    private final KpiSink kpis;

    public AssignmentRecords(JobStore jobs, DispatchPacks packs, LiveOpsStore liveOps, PlanBook plans,
            WriteBackQueue writeBacks, AuditLog audit, KpiSink kpis) {
        this.jobs = jobs;
        this.packs = packs;
        this.liveOps = liveOps;
        this.plans = plans;
        this.writeBacks = writeBacks;
        this.audit = audit;
        this.kpis = kpis;
    }

    /**
     * @param from the statuses the job may move from
     * @return false when the job moved on meanwhile (the caller rolls back)
     */
    public boolean record(StoredJob stored, Customer customer, Technician technician, Assignment assignment,
            List<JobStatus> from, PlanBook.Placed placed, Instant now) {
        String jobId = stored.job().id();
        Instant committed = placed.visit().planned() ? placed.visit().arrival() : null;
        Instant busyUntil = placed.visit().busyUntil(now);
        DispatchPack pack = packs.signed(stored, customer, technician, assignment, placed.visit(), now);
        if (!jobs.assigned(jobId, from, assignment, pack, busyUntil, stored.job().location().point())) {
            return false;
        }
        liveOps.setEta(jobId, committed);
        plans.refresh(technician.id());
        if (assignment.mode() != AssignmentMode.IMPORTED) {
            writeBacks.enqueue(jobId); // the source system has the office's assignment already
        }
        String fallback = assignment.fallbackTechnicianId();
        audit.record(jobId, assignment.assignedBy(), AuditAction.ASSIGNED, technician.id() + " ("
                + assignment.mode() + "), fallback " + (fallback == null ? "none" : fallback) + "; "
                + Placement.ordinal(placed.position()) + " of " + placed.of() + " in the plan"
                + (committed == null ? ", not yet planned" : ", arriving " + committed));
        LOG.info("job {} assigned to {} ({})", jobId, technician.id(), assignment.mode());
        audit.record(jobId, "rule:dispatch-pack", AuditAction.PACK_CREATED, pack.requiredParts().size()
                + " part(s), " + pack.partsMissingFromTruck().size() + " to pick up");
        kpis.record(new KpiSink.KpiFact(jobId, "assigned", assignment.assignedAt(), Map.of(
                "mode", assignment.mode().name(), "technicianId", assignment.technicianId(), "actor",
                assignment.assignedBy(), "minutes", Minutes.between(stored.job().receivedAt(),
                        assignment.assignedAt()))));
        return true;
    }
}
