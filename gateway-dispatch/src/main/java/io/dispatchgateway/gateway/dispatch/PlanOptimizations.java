package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import io.dispatchgateway.gateway.persistence.ProposalStore.MoveStatus;
import io.dispatchgateway.gateway.persistence.ProposalStore.StoredMove;
import io.dispatchgateway.optimizer.OpenJob;
import io.dispatchgateway.optimizer.Optimization;
import io.dispatchgateway.optimizer.OptimizationProblem;
import io.dispatchgateway.optimizer.PlanOptimizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-optimizes the open work of the plans as a whole and turns the result into a proposal. Open work: every job a
 * plan holds that has not started in the field (proposals waiting for approval, assigned jobs), except a job a
 * person put where it is (an override, a dispatcher's reassignment) or one waiting for a manager's bump decision. The moves that only change
 * a job's place in its technician's plan apply by policy with the proposal; a move that takes a job to another
 * technician, or touches a CRITICAL, safety or top-tier job, waits for a dispatcher. The proposal and the moves
 * applied with it are written in one transaction: after a crash it is complete or absent.
 */
@Component
public class PlanOptimizations {

    private static final Logger LOG = LoggerFactory.getLogger(PlanOptimizations.class);
    private static final Duration MIN_GAP_AFTER_BURST = Duration.ofMinutes(1);
    private static final String LEASE = "plans";

    /** A person's decision on the waiting moves of a proposal. */
    public enum Decision { ACCEPT, REJECT }

    private final PlanOptimizer optimizer;
    private final PlanBook plans;
    private final JobStore jobs;
    private final CustomerDirectory customers;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final PolicyCatalog policies;
    private final ProposalStore proposals;
    private final Reassignment reassignment;
    private final PlanReviews reviews;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final GatewayProperties properties;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicReference<Instant> lastRun;

    public PlanOptimizations(PlanOptimizer optimizer, PlanBook plans, JobStore jobs, CustomerDirectory customers,
            TechnicianDirectory technicians, InventoryLookup inventory, PolicyCatalog policies,
            ProposalStore proposals, Reassignment reassignment, PlanReviews reviews, AuditLog audit,
            TransactionTemplate tx, Clock clock, GatewayProperties properties) {
        this.reviews = reviews;
        this.optimizer = optimizer;
        this.plans = plans;
        this.jobs = jobs;
        this.customers = customers;
        this.technicians = technicians;
        this.inventory = inventory;
        this.policies = policies;
        this.proposals = proposals;
        this.reassignment = reassignment;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.lastRun = new AtomicReference<>(clock.instant()); // the first scheduled run comes one interval after start
    }

    /**
     * The timer's look (route {@code plan-optimize}): optimizes when the interval has passed since the last run,
     * or at once after a burst of new jobs (not more than once a minute).
     */
    public void tick() {
        GatewayProperties.Planning planning = properties.planning();
        if (!planning.optimize()) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastRun.get();
        boolean due = !now.isBefore(last.plus(planning.optimizeInterval()));
        boolean burst = !now.isBefore(last.plus(MIN_GAP_AFTER_BURST))
                && proposals.jobsReceivedSince(now.minus(Duration.ofMinutes(1))) > planning.burstJobs();
        if (due || burst) {
            lastRun.set(now);
            propose(null, null, planning.optimizeSeconds(),
                    burst ? "rule:plan-optimize/burst" : "rule:plan-optimize", false);
        }
    }

    /**
     * Optimizes the open work of {@code territory} (all when null) planned on local {@code date} (every day of
     * the horizon when null) for at most {@code seconds}.
     *
     * @param keepEmpty whether a run that moves nothing is kept as a proposal too (asked for by a person)
     * @return the proposal; empty when another optimization of the territory is running, or nothing moved and
     *         {@code keepEmpty} is false
     */
    public Optional<ProposalStore.Proposal> propose(String territory, LocalDate date, Duration seconds,
            String requestedBy, boolean keepEmpty) {
        return propose(territory, date, seconds, requestedBy, keepEmpty, TenantScope.ALL);
    }

    /**
     * As {@link #propose(String, LocalDate, Duration, String, boolean)}, moving only the jobs of {@code tenants}:
     * a tenant's dispatcher re-plans that tenant's work, and other tenants' visits stay where they are.
     */
    public Optional<ProposalStore.Proposal> propose(String territory, LocalDate date, Duration seconds,
            String requestedBy, boolean keepEmpty, TenantScope tenants) {
        // One optimization at a time: a territory's run and a run of all would re-plan the same technicians.
        String scope = LEASE;
        Instant now = clock.instant();
        if (!proposals.lease(scope, instance, now.plus(seconds).plus(Duration.ofMinutes(1)))) {
            LOG.info("an optimization is already running; this one ({}) is skipped",
                    territory == null ? "all" : territory);
            return Optional.empty();
        }
        try {
            return optimize(territory, date, seconds, requestedBy, keepEmpty, now, tenants);
        } finally {
            proposals.release(scope, instance);
        }
    }

    private Optional<ProposalStore.Proposal> optimize(String territory, LocalDate date, Duration seconds,
            String requestedBy, boolean keepEmpty, Instant now, TenantScope tenants) {
        // A tenant's dispatcher re-plans the technicians who work for that tenant's alone.
        List<Technician> roster = technicians.all().stream()
                .filter(t -> territory == null || territory.equals(t.territory()))
                .filter(t -> tenants.covers(t.tenants())).toList();
        Set<String> ids = new java.util.HashSet<>();
        roster.forEach(t -> ids.add(t.id()));
        Map<String, List<Visit>> current = new HashMap<>();
        plans.all().forEach((technician, visits) -> {
            if (ids.contains(technician)) {
                current.put(technician, visits);
            }
        });
        Set<String> onDate = new java.util.HashSet<>();
        if (date != null) {
            // Only the visits the plans put on that day are open; the others stay where they are.
            current.keySet().forEach(technician -> plans.plan(technician).ifPresent(plan -> plan.visits().stream()
                    .filter(v -> v.planned() && date.equals(v.day())).forEach(v -> onDate.add(v.jobId()))));
        }
        Map<String, OpenJob> open = new HashMap<>();
        current.values().forEach(visits -> visits.stream().filter(v -> date == null || onDate.contains(v.jobId()))
                .forEach(visit -> openJob(visit, now).filter(job -> tenants.allows(job.input().job().tenant()))
                        .ifPresent(job -> open.put(job.id(), job))));
        if (open.isEmpty() && !keepEmpty) {
            return Optional.empty();
        }
        long seed = now.toEpochMilli();
        OptimizationProblem problem = new OptimizationProblem(now, roster, current, open, inventory.depots());
        Optimization run = optimizer.optimize(problem, new PlanOptimizer.Limits(seconds, seconds.dividedBy(2), null,
                seed));
        List<Optimization.Move> moves = run.moves().stream()
                .filter(m -> m.fromTechnicianId() != null) // a job the plans do not hold is the flow's to rank
                .sorted(Comparator.comparing(Optimization.Move::toTechnicianId)
                        .thenComparingInt(Optimization.Move::toPosition))
                .toList();
        if (moves.isEmpty() && !keepEmpty) {
            return Optional.empty();
        }
        String id = Ids.proposal();
        List<String> gates = new ArrayList<>();
        Set<String> waitingPlans = new java.util.HashSet<>();
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
        ProposalStore.Proposal proposal = new ProposalStore.Proposal(id, now, requestedBy, territory,
                ProposalStore.Status.OPEN, new ProposalStore.Body(run.plans(), jobIds(current), run.unassigned(),
                        run.before(), run.after(), run.evaluated(), run.spent().toMillis(), seed, now,
                        run.measuredLegs().size()), stored, null, null);
        Set<String> shown = new java.util.HashSet<>(proposal.body().unplaced());
        proposal.body().plans().values().forEach(shown::addAll);
        proposal.body().plansBefore().values().forEach(shown::addAll);
        java.util.SortedSet<String> shownTenants = jobs.tenantsOf(shown);
        if (!shownTenants.isEmpty() && !tenants.covers(shownTenants)) {
            // Nothing is stored, applied or announced for a proposal its requester could not read.
            throw new org.springframework.security.access.AccessDeniedException("the optimization would show other"
                    + " tenants' work; a user of all of them runs it");
        }
        tx.executeWithoutResult(status -> {
            for (String superseded : proposals.supersede(id, territory, requestedBy, tenants)) {
                LOG.info("plan proposal {} is superseded by {}: its waiting moves are STALE", superseded, id);
            }
            // A proposal that shows no job is its requester's tenants'.
            proposals.insert(proposal, new ProposalStore.Snapshot(problem, run.measuredLegs()),
                    shownTenants.isEmpty() && !tenants.all() ? tenants.tenants() : shownTenants);
            for (StoredMove move : stored) {
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
        LOG.info("plan optimization {}: {} moves ({} wait for a dispatcher), objectives {} -> {}", id, moves.size(),
                stored.stream().filter(StoredMove::gated).count(), run.before().objectives(),
                run.after().objectives());
        if (stored.stream().anyMatch(StoredMove::gated)) {
            reviews.send(id); // a channel that fails now gets it again from route approval-timeouts
        }
        return proposals.find(id);
    }

    /** A recorded optimization run again: the plans it gives now, and whether they are the proposal's. */
    public record Replay(String proposalId, boolean samePlans, Map<String, List<String>> plans,
            Map<String, List<String>> proposed, long evaluated, long seed) {}

    /**
     * Runs a proposal's optimization again from its recorded snapshot with its seed and move count (the same
     * solver, the same legs): the plans come out the same.
     */
    public Replay replay(String proposalId) {
        ProposalStore.Proposal proposal = proposals.find(proposalId).orElseThrow(
                () -> new NoSuchElementException("no plan proposal with id '" + proposalId + "'"));
        ProposalStore.Snapshot snapshot = proposals.snapshot(proposalId).orElseThrow(
                () -> new NoSuchElementException("plan proposal '" + proposalId + "' has no recorded snapshot"));
        Optimization run = optimizer.replay(snapshot.problem(), new PlanOptimizer.Limits(null, null,
                proposal.body().evaluated(), proposal.body().seed()), snapshot.measuredLegs());
        return new Replay(proposalId, run.plans().equals(proposal.body().plans()), run.plans(),
                proposal.body().plans(), run.evaluated(), proposal.body().seed());
    }

    /**
     * Decides the waiting moves of a proposal ({@code jobIds}: only those; null: all). An accepted move is applied
     * unless its job or plan moved on since (then it is STALE): an assigned job is reassigned and written back like
     * any reassignment; a proposal's reservation moves and its approval proposes the new technician.
     */
    public ProposalStore.Proposal decide(String proposalId, Decision decision, List<String> jobIds, String user) {
        ProposalStore.Proposal proposal = proposals.find(proposalId).orElseThrow(
                () -> new NoSuchElementException("no plan proposal with id '" + proposalId + "'"));
        String actor = "user:" + user;
        for (StoredMove move : proposal.moves()) {
            if (move.status() != MoveStatus.PENDING || (jobIds != null && !jobIds.contains(move.jobId()))) {
                continue;
            }
            if (decision == Decision.REJECT) {
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
        if (stale != null) {
            proposals.decide(proposal.id(), move.seq(), MoveStatus.STALE, stale, actor);
            return;
        }
        Optimization.Move m = move.move();
        JobStore.StoredJob stored = jobs.find(m.jobId()).orElseThrow();
        String reason = "plan optimization " + proposal.id() + ": " + m.reason();
        if (stored.status() == JobStatus.ASSIGNED && !m.toTechnicianId().equals(m.fromTechnicianId())) {
            // Reassigned (and written back) as a dispatcher's reassignment; then it takes the proposal's place.
            reassignment.reassign(m.jobId(), m.toTechnicianId(), reason, actor, null);
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
        if (!open(job.status())) {
            return "the job is " + job.status() + " now";
        }
        return null;
    }

    /**
     * Puts the job in its technician's plan where the proposal has it: right after the nearest job that the
     * proposal puts before it and that the plan now holds, else after the visits in the field.
     */
    private void place(StoredMove move, Map<String, List<String>> proposed) {
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
        plans.place(move.jobId(), new AssignmentPlanner.Slot(technician, at, now, List.of()));
    }

    private Optional<OpenJob> openJob(Visit visit, Instant now) {
        if (!visit.state().movable() || visit.state() == Visit.State.PAUSED) {
            return Optional.empty();
        }
        JobStore.StoredJob stored = jobs.find(visit.jobId()).orElse(null);
        if (stored == null || !open(stored.status()) || stored.classification() == null) {
            return Optional.empty();
        }
        if (stored.assignment() != null && (stored.assignment().mode() == AssignmentMode.OVERRIDDEN
                || stored.assignment().mode() == AssignmentMode.IMPORTED
                || (stored.assignment().mode() == AssignmentMode.REASSIGNED
                        && String.valueOf(stored.assignment().assignedBy()).startsWith("user:")))) {
            return Optional.empty(); // a person put it there
        }
        Optional<Approval> approval = jobs.latestApprovalForJob(visit.jobId());
        if (approval.isPresent() && approval.get().status() == ApprovalStatus.PENDING
                && approval.get().managerOnly()) {
            return Optional.empty(); // a bump waits for a manager
        }
        Customer customer = customers.find(stored.job().customerId()).orElse(null);
        if (customer == null) {
            return Optional.empty();
        }
        RankingPolicy policy = policies.select(stored.job(), stored.classification(), customer);
        return Optional.of(new OpenJob(new RankingInput(stored.job(), stored.classification(), customer, now,
                List.of(), Map.of(), Map.of(), inventory.depots()), policy, visit));
    }

    private static Map<String, List<String>> jobIds(Map<String, List<Visit>> plans) {
        Map<String, List<String>> ids = new HashMap<>();
        plans.forEach((technician, visits) -> ids.put(technician, visits.stream().map(Visit::jobId).toList()));
        return ids;
    }

    private static boolean open(JobStatus status) {
        return status == JobStatus.ASSIGNED || status == JobStatus.RANKED || status == JobStatus.PENDING_APPROVAL
                || status == JobStatus.ESCALATED;
    }
}
