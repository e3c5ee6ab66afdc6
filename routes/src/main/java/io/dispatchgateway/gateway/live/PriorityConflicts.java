package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.live.ExceptionRules.Claim;
import io.dispatchgateway.core.live.ExceptionRules.Conflict;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.config.GatewayProperties;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.mappings.event.JobEventType;
import io.dispatchgateway.gateway.flow.JobEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The priority-conflict family. A CRITICAL job whose best technician is committed to another job in the field
 * (assigned, en route or paused, not yet on site) is decided by {@link ExceptionRules#priorityConflict}: when the
 * new job wins, its approval asks a manager to take the technician off the committed job (which is ranked again
 * once the new job is assigned); when the committed job wins, the new job's approval proposes the next option.
 */
@Component
public class PriorityConflicts {

    /** A conflict found at the approval gate: the approval to ask for, and what was decided. */
    public record Found(Approval approval, Conflict conflict, String holderJobId, String technicianId) {}

    private final JobStore jobs;
    private final LiveOpsStore store;
    private final CustomerDirectory customers;
    private final AuditLog audit;
    private final JobEvents events;
    private final ProducerTemplate producer;
    private final GatewayProperties properties;
    private final KpiSink kpis;
    private final Clock clock;

    public PriorityConflicts(JobStore jobs, LiveOpsStore store, CustomerDirectory customers, AuditLog audit,
            JobEvents events, ProducerTemplate producer, GatewayProperties properties, KpiSink kpis, Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.customers = customers;
        this.audit = audit;
        this.events = events;
        this.producer = producer;
        this.properties = properties;
        this.kpis = kpis;
        this.clock = clock;
    }

    /** @return the conflict of a ranked CRITICAL job over its best technician, if there is one */
    public Optional<Found> find(JobStore.StoredJob challenger, Customer customer) {
        if (challenger.classification().priority() != Priority.CRITICAL) {
            return Optional.empty();
        }
        Optional<RankedOption> best = challenger.recommendation().best();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        String technician = best.get().technicianId();
        List<String> committed = store.committedTo(technician, challenger.job().id());
        if (committed.isEmpty()) {
            return Optional.empty();
        }
        JobStore.StoredJob holder = jobs.find(committed.get(0)).orElseThrow();
        Instant now = clock.instant();
        Claim holderClaim = claim(holder, customers.find(holder.job().customerId()).orElse(null));
        Claim challengerClaim = claim(challenger, customer);
        Conflict conflict = ExceptionRules.priorityConflict(holderClaim, challengerClaim, now);
        String id = "A-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
        String jobId = challenger.job().id();
        if (conflict.winner() == challengerClaim) {
            return Optional.of(new Found(Approval.bump(id, jobId, List.of("priority conflict: " + technician
                    + " is committed to job " + holder.job().id() + "; this job wins (" + conflict.reason() + ")",
                    "approving " + technician + " takes them off job " + holder.job().id()
                            + ", which is then ranked again; only a manager may decide"), technician,
                    holder.job().id(), now), conflict, holder.job().id(), technician));
        }
        RankedOption next = challenger.recommendation().options().stream()
                .filter(o -> !o.technicianId().equals(technician)).findFirst().orElse(null);
        return Optional.of(new Found(Approval.pending(id, jobId, List.of("priority conflict: " + technician
                + " stays on job " + holder.job().id() + " (" + conflict.reason() + ")", next == null
                ? "no other eligible technician: choose one or reject" : "proposing the next option, "
                        + next.technicianId()), next == null ? null : next.technicianId(), now), conflict,
                holder.job().id(), technician));
    }

    /** Records the conflict as an exception on both jobs. */
    public void record(Found found) {
        String actor = "rule:priority-conflict";
        ExceptionRules.Outcome outcome = ExceptionRules.Outcome.ESCALATE;
        String reason = (found.approval().managerOnly() ? "bump requested: " : "kept: ")
                + found.conflict().winner().jobId() + " keeps or gets " + found.technicianId() + " over "
                + found.conflict().bumped().jobId() + " (" + found.conflict().reason() + ")";
        String source = "technician " + found.technicianId() + "; committed job " + found.holderJobId() + " "
                + describe(found.conflict().winner()) + " vs " + describe(found.conflict().bumped());
        // The committed job carries the exception only when it may lose its technician.
        List<String> concerned = found.approval().managerOnly()
                ? List.of(found.approval().jobId(), found.holderJobId()) : List.of(found.approval().jobId());
        for (String jobId : concerned) {
            store.openException(jobId, new ExceptionRules.Decision(ExceptionRules.Family.PRIORITY_CONFLICT, outcome,
                    found.technicianId(), null, null, reason), source, actor, false);
            audit.record(jobId, actor, "priority-conflict", reason);
            kpis.record(new KpiSink.KpiFact(jobId, "exception-opened", clock.instant(), Map.of("actor", actor,
                    "family", ExceptionRules.Family.PRIORITY_CONFLICT.name())));
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
            audit.record(bumped, by, "bump-not-needed", "job " + bumped + " no longer waits for " + technicianId
                    + " (it moved on meanwhile); approval " + approval.id() + " assigned them to job " + jobId);
            return null;
        }
        audit.record(bumped, by, "bumped", technicianId + " moved to job " + jobId + " (approval " + approval.id()
                + "); the job is ranked again. Systems that were told of the assignment keep it until then.");
        store.closeExceptions(bumped, by, "bumped; ranked again");
        store.closeExceptions(jobId, by, "assigned " + technicianId);
        kpis.record(new KpiSink.KpiFact(bumped, "bumped", clock.instant(), Map.of("actor", by,
                "technicianId", technicianId)));
        return bumped;
    }

    /** Sends a bumped job back to ranking. */
    public void rankAgain(String bumped) {
        producer.sendBodyAndHeader(properties.endpoints().classified(), ExchangePattern.InOnly,
                events.next(bumped, JobEventType.CLASSIFIED, "rule:priority-conflict"), "kafka.KEY", bumped);
    }

    private static Claim claim(JobStore.StoredJob job, Customer customer) {
        PenaltyTerms terms = customer == null ? null : customer.entitlement().penalty();
        BigDecimal penalty = terms == null ? BigDecimal.ZERO : terms.perBreachOrZero();
        return new Claim(job.job().id(), job.classification().priority(), penalty,
                job.classification().slaDeadline());
    }

    private static String describe(Claim claim) {
        return claim.jobId() + " (" + claim.priority() + ", penalty " + claim.penaltyPerBreach() + ", deadline "
                + claim.slaDeadline() + ")";
    }
}
