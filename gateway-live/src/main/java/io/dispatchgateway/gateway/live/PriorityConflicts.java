package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.live.ExceptionRules.Claim;
import io.dispatchgateway.core.live.ExceptionRules.Conflict;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.rank.TechnicianState;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.dispatch.Rankings;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final CustomerDirectory customers;
    private final Rankings rankings;
    private final AssignmentPlanner planner;
    private final PlanBook plans;
    private final Clock clock;

    public PriorityConflicts(JobStore jobs, CustomerDirectory customers, Rankings rankings, AssignmentPlanner planner,
            PlanBook plans, Clock clock) {
        this.jobs = jobs;
        this.customers = customers;
        this.rankings = rankings;
        this.planner = planner;
        this.plans = plans;
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
        Rankings.Assembled ranking = rankings.assemble(challenger, customer, states);
        List<AssignmentPlanner.Bump> bumps = planner.bumps(ranking.input(), ranking.policy(),
                challenger.recommendation());
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
            Rankings.Assembled holderRanking = rankings.assemble(holder, holderCustomer, states);
            AssignmentPlanner.Estimate holderAfter = planner.afterBump(chosen, holderRanking.input(),
                    holderRanking.policy());
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

    private static Claim claim(JobStore.StoredJob job, Customer customer) {
        PenaltyTerms terms = customer == null ? null : customer.entitlement().penalty();
        BigDecimal penalty = terms == null ? BigDecimal.ZERO : terms.perBreachOrZero();
        return new Claim(job.job().id(), job.classification().priority(), penalty,
                job.classification().slaDeadline());
    }
}
