package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ProposalStore.MoveStatus;
import io.dispatchgateway.gateway.persistence.ProposalStore.StoredMove;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.optimizer.OpenJob;
import io.dispatchgateway.optimizer.Optimization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The moves of a plan proposal. The moves that only change a job's place in its technician's plan apply by
 * policy with the proposal; a move that takes a job to another technician, or touches a CRITICAL, safety or
 * top-tier job, waits for a dispatcher, who accepts or rejects it later. A move whose job left the place the
 * optimization saw, or that no longer fits the plan it goes into when a person accepts it, is STALE rather than
 * applied.
 */
@Component
public class ProposalMoves {

    private static final Logger LOG = LoggerFactory.getLogger(ProposalMoves.class);
    /** Who an accepted move's reassignment is by: the optimizer that proposed it. */
    static final String OPTIMIZER = "rule:plan-optimize";

    private final JobStore jobs;
    private final PlanBook plans;
    private final ProposalStore proposals;
    private final Reassignment reassignment;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final GatewayProperties properties;

    public ProposalMoves(JobStore jobs, PlanBook plans, ProposalStore proposals, Reassignment reassignment,
            AuditLog audit, TransactionTemplate tx, GatewayProperties properties) {
        this.jobs = jobs;
        this.plans = plans;
        this.proposals = proposals;
        this.reassignment = reassignment;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    /** The optimizer's moves as a proposal stores them, each with why it waits for a person (or not). */
    public List<StoredMove> gated(List<Optimization.Move> moves, Map<String, OpenJob> open) {
        List<String> gates = new ArrayList<>();
        Set<String> waitingPlans = new HashSet<>();
        for (Optimization.Move move : moves) {
            String gate = gate(move, open.get(move.jobId()));
            gates.add(gate);
            if (gate != null) {
                waitingPlans.add(move.fromTechnicianId());
                waitingPlans.add(move.toTechnicianId());
            }
        }
        List<StoredMove> stored = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            Optimization.Move move = moves.get(i);
            String gate = gates.get(i);
            if (gate == null && waitingPlans.contains(move.toTechnicianId())) {
                // Applied alone it would reorder a plan around moves that wait (a critical job's among them).
                gate = "reorders " + move.toTechnicianId() + "'s plan with moves that wait for a dispatcher";
            }
            stored.add(new StoredMove(i + 1, move.jobId(), gate != null, gate, MoveStatus.PENDING, move, null, null,
                    null));
        }
        return stored;
    }

    /**
     * Stores the proposal (superseding the requester's earlier open ones) and applies its moves that need
     * nobody, in one transaction: after a crash it is complete or absent.
     */
    public void store(ProposalStore.Proposal proposal, ProposalStore.Snapshot snapshot, Set<String> tenants,
            TenantScope requester) {
        String id = proposal.id();
        String requestedBy = proposal.requestedBy();
        tx.executeWithoutResult(status -> {
            for (String superseded : proposals.supersede(id, proposal.territory(), requestedBy, requester)) {
                LOG.info("plan proposal {} is superseded by {}: its waiting moves are STALE", superseded, id);
            }
            proposals.insert(proposal, snapshot, tenants);
            for (StoredMove move : proposal.moves()) {
                if (!move.gated()) {
                    String stale = stale(move);
                    if (stale == null) {
                        place(move, proposal.body().plans());
                        audit.record(move.jobId(), requestedBy, AuditAction.PLAN_OPTIMIZED, "proposal " + id + ": "
                                + move.move().reason());
                    }
                    proposals.decide(id, move.seq(), stale == null ? MoveStatus.APPLIED : MoveStatus.STALE, stale,
                            requestedBy);
                }
            }
            proposals.closeIfDecided(id, requestedBy);
        });
    }

    /**
     * Decides the waiting moves of a proposal ({@code jobIds}: only those; null: all). An accepted move is applied
     * unless its job or plan moved on since (then it is STALE): an assigned job is reassigned and written back like
     * any reassignment; a proposal's reservation moves and its approval proposes the new technician.
     */
    public ProposalStore.Proposal decide(String proposalId, PlanOptimizations.Decision decision, List<String> jobIds,
            String user) {
        ProposalStore.Proposal proposal = proposals.find(proposalId).orElseThrow(
                () -> new NoSuchElementException("no plan proposal with id '" + proposalId + "'"));
        String actor = "user:" + user;
        for (StoredMove move : proposal.moves()) {
            if (move.status() != MoveStatus.PENDING || (jobIds != null && !jobIds.contains(move.jobId()))) {
                continue;
            }
            if (decision == PlanOptimizations.Decision.REJECT) {
                if (proposals.decide(proposalId, move.seq(), MoveStatus.REJECTED, null, actor)) {
                    audit.record(move.jobId(), actor, AuditAction.PLAN_MOVE_REJECTED, "proposal " + proposalId + ": "
                            + move.move().reason());
                }
                continue;
            }
            accept(proposal, move, actor);
        }
        proposals.closeIfDecided(proposalId, actor);
        return proposals.find(proposalId).orElseThrow();
    }

    private void accept(ProposalStore.Proposal proposal, StoredMove move, String actor) {
        String stale = stale(move);
        if (stale == null) {
            // Accepted later than it was proposed: the plan it goes into may have filled up meanwhile.
            stale = plans.misfit(move.jobId(), slot(move, proposal.body().plans())).orElse(null);
        }
        if (stale != null) {
            proposals.decide(proposal.id(), move.seq(), MoveStatus.STALE, stale, actor);
            return;
        }
        Optimization.Move m = move.move();
        JobStore.StoredJob stored = jobs.find(m.jobId()).orElseThrow();
        String reason = "plan optimization " + proposal.id() + ": " + m.reason();
        if (stored.status() == JobStatus.ASSIGNED && !m.toTechnicianId().equals(m.fromTechnicianId())) {
            // Reassigned (and written back) as the optimizer's move the person accepted: the assignment is the
            // optimizer's, so later runs may still improve on it (a person's own reassignment they leave alone, and
            // it counts as an override, which accepting a proposal is not); the person is in the proposal's
            // decision and the audit line below. Then it takes the proposal's place.
            reassignment.reassign(m.jobId(), m.toTechnicianId(), reason + ", accepted by " + actor, OPTIMIZER, null);
            tx.executeWithoutResult(status -> {
                if (proposals.decide(proposal.id(), move.seq(), MoveStatus.APPLIED, null, actor)) {
                    place(move, proposal.body().plans());
                    audit.record(m.jobId(), actor, AuditAction.PLAN_OPTIMIZED, reason);
                }
            });
            return;
        }
        tx.executeWithoutResult(status -> {
            if (!proposals.decide(proposal.id(), move.seq(), MoveStatus.APPLIED, null, actor)) {
                return;
            }
            place(move, proposal.body().plans());
            if (!m.toTechnicianId().equals(m.fromTechnicianId())) {
                jobs.latestApprovalForJob(m.jobId()).filter(a -> a.status() == ApprovalStatus.PENDING)
                        .ifPresent(a -> {
                            List<String> reasons = new ArrayList<>(a.reasons());
                            reasons.add(reason);
                            jobs.repropose(new Approval(a.id(), a.jobId(), a.status(), reasons, m.toTechnicianId(),
                                    a.requestedAt(), null, null, null, null, a.bumpsJobId()));
                        });
            }
            audit.record(m.jobId(), actor, AuditAction.PLAN_OPTIMIZED, reason);
        });
    }

    /** Why a move waits for a person, or null when it applies by policy. */
    private String gate(Optimization.Move move, OpenJob job) {
        if (!Objects.equals(move.fromTechnicianId(), move.toTechnicianId())) {
            return "takes the job from " + move.fromTechnicianId() + " to " + move.toTechnicianId();
        }
        if (job.input().classification().priority() == Priority.CRITICAL) {
            return "a CRITICAL job";
        }
        if (job.input().classification().safetyImpact()) {
            return "a job with a safety impact";
        }
        if (properties.approval().criticalTiers().contains(job.input().customer().tier())) {
            return "a " + job.input().customer().tier() + " customer's job";
        }
        if (jobs.find(move.jobId()).map(j -> j.status() == JobStatus.ASSIGNED).orElse(false)) {
            return "reorders work already sent to " + move.toTechnicianId();
        }
        return null;
    }

    /** Why a move can no longer be applied (its job left the place the optimization saw), or null. */
    private String stale(StoredMove move) {
        JobStore.StoredJob job = jobs.find(move.jobId()).orElse(null);
        String holder = plans.holder(move.jobId()).orElse(null);
        if (job == null || !Objects.equals(holder, move.move().fromTechnicianId())) {
            return "the job is no longer in " + move.move().fromTechnicianId() + "'s plan";
        }
        if (!OpenWork.open(job.status())) {
            return "the job is " + job.status() + " now";
        }
        return null;
    }

    /**
     * Puts the job in its technician's plan where the proposal has it: right after the nearest job that the
     * proposal puts before it and that the plan now holds, else after the visits in the field.
     */
    private void place(StoredMove move, Map<String, List<String>> proposed) {
        plans.place(move.jobId(), slot(move, proposed));
    }

    /** Where the move puts its job in the technician's plan as it is now. */
    private AssignmentPlanner.Slot slot(StoredMove move, Map<String, List<String>> proposed) {
        String technician = move.move().toTechnicianId();
        List<String> target = proposed.getOrDefault(technician, List.of());
        List<Visit> visits = plans.visits(technician);
        List<String> now = new ArrayList<>();
        int pinned = 0;
        for (Visit visit : visits) {
            if (!visit.jobId().equals(move.jobId())) {
                now.add(visit.jobId());
                if (!visit.state().movable()) {
                    pinned++;
                }
            }
        }
        int at = pinned;
        int self = target.indexOf(move.jobId());
        for (int i = self - 1; i >= 0; i--) {
            int index = now.indexOf(target.get(i));
            if (index >= 0) {
                at = Math.max(pinned, index + 1);
                break;
            }
        }
        return new AssignmentPlanner.Slot(technician, at, now, List.of());
    }
}
