package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.live.ExceptionRules.Claim;
import io.dispatchgateway.core.live.ExceptionRules.Conflict;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.TechnicianState;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.mappings.event.JobEventType;
import io.dispatchgateway.gateway.dispatch.JobEvents;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The priority-conflict family. A CRITICAL job that its best option brings after its deadline, while a job
 * committed to a technician (assigned or paused) stands in the place that would bring it in time, is decided by
 * {@link ExceptionRules#priorityConflict}: when the new job wins, its approval shows both jobs' arrival and breach
 * probability before and after and asks a manager to take the technician off the committed job (which is ranked
 * again once the new job is assigned); when the committed job wins, the new job's approval proposes its best option.
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
    private final PlanBook plans;
    private final AssignmentPlanner planner;
    private final PolicyCatalog policies;
    private final RankingInputAssembler inputs;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;

    public PriorityConflicts(JobStore jobs, LiveOpsStore store, CustomerDirectory customers, AuditLog audit,
            JobEvents events, ProducerTemplate producer, GatewayProperties properties, KpiSink kpis, Clock clock,
            PlanBook plans, AssignmentPlanner planner, PolicyCatalog policies, RankingInputAssembler inputs,
            TechnicianDirectory technicians, InventoryLookup inventory) {
        this.plans = plans;
        this.planner = planner;
        this.policies = policies;
        this.inputs = inputs;
        this.technicians = technicians;
        this.inventory = inventory;
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

    /**
     * The conflict of a ranked CRITICAL job that its best option brings too late: the committed job whose place
     * would bring it in time ({@link AssignmentPlanner#bumps}), decided by the rule against each such job in turn.
     *
     * @return the approval to ask for, if there is a conflict
     */
    public Optional<Found> find(JobStore.StoredJob challenger, Customer customer) {
        if (challenger.classification().priority() != Priority.CRITICAL || challenger.recommendation() == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Map<String, TechnicianState> states = plans.statesWithout(challenger.job().id());
        RankingPolicy policy = policies.select(challenger.job(), challenger.classification(), customer);
        RankingInput input = inputs.assemble(challenger.job(), challenger.classification(), customer,
                technicians.all(), states, inventory.depots(), now, policy);
        List<AssignmentPlanner.Bump> bumps = planner.bumps(input, policy, challenger.recommendation());
        if (bumps.isEmpty()) {
            return Optional.empty();
        }
        Claim challengerClaim = claim(challenger, customer);
        AssignmentPlanner.Bump chosen = null;
        JobStore.StoredJob holder = null;
        Conflict conflict = null;
        for (AssignmentPlanner.Bump bump : bumps) {
            JobStore.StoredJob candidate = jobs.find(bump.holderJobId()).orElse(null);
            if (candidate == null || !candidate.job().tenant().equals(challenger.job().tenant())) {
                // One tenant's critical job never takes a shared technician off another tenant's work.
                continue;
            }
            Conflict decided = ExceptionRules.priorityConflict(claim(candidate, customers.find(
                    candidate.job().customerId()).orElse(null)), challengerClaim, now);
            if (chosen == null || decided.winner() == challengerClaim) {
                chosen = bump;
                holder = candidate;
                conflict = decided;
            }
            if (decided.winner() == challengerClaim) {
                break;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        String technician = chosen.technicianId();
        String holderId = holder.job().id();
        Instant deadline = challenger.classification().slaDeadline();
        Instant holderDeadline = holder.classification().slaDeadline();
        String id = Ids.approval();
        String jobId = challenger.job().id();
        String before = "this job now: " + chosen.challengerBefore().describe(deadline);
        if (conflict.winner() == challengerClaim) {
            Customer holderCustomer = customers.find(holder.job().customerId()).orElse(null);
            RankingPolicy holderPolicy = policies.select(holder.job(), holder.classification(), holderCustomer);
            RankingInput holderInput = inputs.assemble(holder.job(), holder.classification(), holderCustomer,
                    technicians.all(), states, inventory.depots(), now, holderPolicy);
            AssignmentPlanner.Estimate holderAfter = planner.afterBump(chosen, holderInput, holderPolicy);
            return Optional.of(new Found(Approval.bump(id, jobId, List.of("priority conflict: job " + holderId
                    + " keeps " + technician + " from reaching this job in time; this job wins ("
                    + conflict.reason() + ")",
                    before,
                    "this job with the bump: " + chosen.challengerAfter().describe(deadline),
                    "job " + holderId + " now: " + chosen.holderBefore().describe(holderDeadline),
                    "job " + holderId + " ranked again: " + holderAfter.describe(holderDeadline),
                    "approving " + technician + " takes them off job " + holderId
                            + ", which is then ranked again; only a manager may decide"), technician,
                    holderId, now), conflict, holderId, technician));
        }
        Optional<RankedOption> best = challenger.recommendation().best();
        return Optional.of(new Found(Approval.pending(id, jobId, List.of("priority conflict: " + technician
                + " stays on job " + holderId + " (" + conflict.reason() + ")", before,
                best.isEmpty() ? "no eligible technician: choose one or reject"
                        : "proposing the best option, " + best.get().technicianId()),
                best.map(RankedOption::technicianId).orElse(null), now), conflict, holderId, technician));
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
            audit.record(jobId, actor, AuditAction.PRIORITY_CONFLICT, reason);
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
            audit.record(bumped, by, AuditAction.BUMP_NOT_NEEDED,
                    "job " + bumped + " no longer waits for " + technicianId
                    + " (it moved on meanwhile); approval " + approval.id() + " assigned them to job " + jobId);
            return null;
        }
        audit.record(bumped, by, AuditAction.BUMPED,
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
        events.send(producer, properties.endpoints().classified(), bumped,
                JobEventType.CLASSIFIED, "rule:priority-conflict");
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
