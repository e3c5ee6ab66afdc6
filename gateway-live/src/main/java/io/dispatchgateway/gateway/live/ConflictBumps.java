package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules.Claim;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.dispatch.StageSender;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What follows a priority conflict {@link PriorityConflicts} found: the exception on the jobs concerned, and,
 * once a manager's approval gave the committed job's technician to the critical one, the bump (the committed
 * job loses its technician and is ranked again).
 */
@Component
public class ConflictBumps {

    private static final String RULE = "rule:priority-conflict";

    private final JobStore jobs;
    private final LiveOpsStore store;
    private final ExceptionTrail trail;
    private final KpiSink kpis;
    private final StageSender stages;
    private final Clock clock;

    public ConflictBumps(JobStore jobs, LiveOpsStore store, ExceptionTrail trail, KpiSink kpis, StageSender stages,
            Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.trail = trail;
        this.kpis = kpis;
        this.stages = stages;
        this.clock = clock;
    }

    /** Records the conflict as an exception on both jobs, in the caller's transaction. */
    public void record(PriorityConflicts.Found found) {
        String reason = (found.approval().managerOnly() ? "bump requested: " : "kept: ")
                + found.conflict().winner().jobId() + " keeps or gets " + found.technicianId() + " over "
                + found.conflict().bumped().jobId() + " (" + found.conflict().reason() + ")";
        String source = "technician " + found.technicianId() + "; committed job " + found.holderJobId() + " "
                + describe(found.conflict().winner()) + " vs " + describe(found.conflict().bumped());
        ExceptionRules.Decision decision = new ExceptionRules.Decision(ExceptionRules.Family.PRIORITY_CONFLICT,
                ExceptionRules.Outcome.ESCALATE, found.technicianId(), null, null, reason);
        // The committed job carries the exception only when it may lose its technician.
        List<String> concerned = found.approval().managerOnly()
                ? List.of(found.approval().jobId(), found.holderJobId()) : List.of(found.approval().jobId());
        for (String jobId : concerned) {
            trail.opened(jobId, decision, source, RULE, AuditAction.PRIORITY_CONFLICT, reason);
        }
    }

    /**
     * In the winning job's assignment transaction, once it was assigned the technician its bump approval named:
     * the committed job loses the technician (an audit entry says so either way).
     *
     * @return the bumped job, to be ranked again once the transaction committed; null when nothing was bumped
     */
    public String bump(String jobId, String technicianId) {
        Approval approval = jobs.latestApprovalForJob(jobId).orElse(null);
        if (approval == null || !approval.managerOnly() || !technicianId.equals(approval.technicianId())
                || !technicianId.equals(approval.recommendedTechnicianId())) {
            return null;
        }
        String bumped = approval.bumpsJobId();
        String by = "user:" + approval.decidedBy();
        if (!jobs.unassignForRanking(bumped, technicianId)) {
            trail.note(bumped, by, AuditAction.BUMP_NOT_NEEDED,
                    "job " + bumped + " no longer waits for " + technicianId
                    + " (it moved on meanwhile); approval " + approval.id() + " assigned them to job " + jobId);
            return null;
        }
        trail.note(bumped, by, AuditAction.BUMPED,
                technicianId + " moved to job " + jobId + " (approval " + approval.id()
                + "); the job is ranked again. Systems that were told of the assignment keep it until then.");
        store.closeExceptions(bumped, by, "bumped; ranked again");
        store.closeExceptions(jobId, by, "assigned " + technicianId);
        kpis.record(new KpiSink.KpiFact(bumped, "bumped", clock.instant(), Map.of("actor", by,
                "technicianId", technicianId)));
        return bumped;
    }

    /** Sends a bumped job back to ranking. */
    public void rankAgain(String bumped) {
        stages.toRanking(bumped, RULE);
    }

    private static String describe(Claim claim) {
        return claim.jobId() + " (" + claim.priority() + ", penalty " + claim.penaltyPerBreach() + ", deadline "
                + claim.slaDeadline() + ")";
    }
}
