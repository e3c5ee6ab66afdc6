package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.FieldEventCheck;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.core.model.FieldEventType;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Minutes;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.live.CustomerUpdateDrafts.Reason;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a field event that passed {@link FieldEventIntake}, in one transaction: the job's move and live times,
 * the event, the plan (a delay's ETA, a finished or cancelled job's place freed, the technician's plan laid out
 * again), the audit line, the KPI fact and the customer's update draft; then the technician's reported position.
 */
@Component
public class FieldEventRecords {

    private final JobStore jobs;
    private final LiveOpsStore store;
    private final io.dispatchgateway.gateway.dispatch.PlanBook plans;
    private final TechnicianDirectory technicians;
    private final ExceptionTrail trail;
    private final AuditLog audit;
    private final KpiSink kpis;
    private final TransactionTemplate tx;

    public FieldEventRecords(JobStore jobs, LiveOpsStore store, io.dispatchgateway.gateway.dispatch.PlanBook plans,
            TechnicianDirectory technicians, ExceptionTrail trail, AuditLog audit, KpiSink kpis,
            TransactionTemplate tx) {
        this.jobs = jobs;
        this.store = store;
        this.plans = plans;
        this.technicians = technicians;
        this.trail = trail;
        this.audit = audit;
        this.kpis = kpis;
        this.tx = tx;
    }

    /** @throws LiveOperations.WrongStateException when the job changed meanwhile */
    public void apply(JobStore.StoredJob stored, FieldEvent event, String actor) {
        String jobId = stored.job().id();
        LiveOpsStore.Live before = store.live(jobId).orElseThrow();
        JobStatus next = FieldEventCheck.next(stored.status(), event.type());
        Boolean moved = tx.execute(status -> {
            String column = switch (event.type()) {
                case EN_ROUTE -> "en_route_at";
                case ARRIVED -> "arrived_at";
                case COMPLETED -> "completed_at";
                default -> null;
            };
            if (!store.move(jobId, stored.status(), next, column, event.at(), event.firstTimeFix())) {
                return false;
            }
            store.addEvent(jobId, event, actor);
            Map<String, Object> measures = new HashMap<>();
            measures.put("actor", actor);
            if (event.technicianId() != null) {
                measures.put("technicianId", event.technicianId());
            }
            switch (event.type()) {
                case DELAYED -> {
                    store.setEta(jobId, event.newEta());
                    plans.reportEta(jobId, event.newEta());
                    if (before.eta() != null) {
                        measures.put("minutes", Minutes.between(before.eta(), event.newEta()));
                    }
                }
                case ARRIVED -> {
                    if (before.enRouteAt() != null) {
                        measures.put("minutes", Minutes.between(before.enRouteAt(), event.at()));
                    }
                    store.closeExceptions(jobId, actor, "the technician arrived");
                }
                case COMPLETED -> {
                    measures.put("firstTimeFix", event.firstTimeFix());
                    plans.release(jobId);
                }
                case CANCELLED -> {
                    // Its place frees up: the jobs after it (and a proposal's technician) get the plan's new times.
                    plans.release(jobId);
                    store.closeExceptions(jobId, actor, "the job was cancelled");
                    jobs.latestApprovalForJob(jobId).filter(a -> a.status() == ApprovalStatus.PENDING)
                            .ifPresent(a -> jobs.decide(a.decide(ApprovalStatus.REJECTED, actor, event.at(), null,
                                    "the job was cancelled")));
                }
                default -> { }
            }
            audit.record(jobId, actor, AuditAction.field(event.type()),
                    describe(event) + (next != stored.status() ? "; job " + next : ""));
            kpis.record(new KpiSink.KpiFact(jobId, event.type().name().toLowerCase().replace('_', '-'), event.at(),
                    measures));
            if (event.technicianId() != null) {
                if (event.type() == FieldEventType.COMPLETED && event.location() == null) {
                    // The technician is at the site they finished at: their plan goes on from there.
                    technicians.updateLocation(event.technicianId(), stored.job().location().point(), event.at());
                }
                plans.refresh(event.technicianId());
            }
            if (event.type() == FieldEventType.DELAYED) {
                trail.draft(stored, Reason.DELAYED, event.newEta(), event.at());
            } else if (event.type() == FieldEventType.CANCELLED) {
                trail.draft(stored, Reason.CANCELLED, null, event.at());
            }
            return true;
        });
        if (!Boolean.TRUE.equals(moved)) {
            throw new LiveOperations.WrongStateException("job " + jobId
                    + " changed while the event was recorded; read it again");
        }
        if (event.location() != null && event.technicianId() != null) {
            technicians.updateLocation(event.technicianId(), event.location(), event.at());
        }
    }



    private static String describe(FieldEvent event) {
        return event.type() + " at " + event.at() + (event.technicianId() == null ? "" : " by " + event.technicianId())
                + (event.newEta() == null ? "" : ", new ETA " + event.newEta())
                + (event.firstTimeFix() == null ? "" : ", first-time fix " + event.firstTimeFix())
                + (event.parts().isEmpty() ? "" : ", parts " + event.parts())
                + (event.reason() == null ? "" : ", reason: " + event.reason());
    }

}
