package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ProposalStore.StoredMove;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.optimizer.Optimization;
import io.dispatchgateway.optimizer.PlanOptimizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-optimizes the open work of the plans as a whole ({@link OpenWork}) and turns the result into a proposal
 * whose moves apply by policy or wait for a dispatcher ({@link ProposalMoves}). One optimization runs at a time
 * across instances (a lease in the database).
 */
@Component
public class PlanOptimizations {

    private static final Logger LOG = LoggerFactory.getLogger(PlanOptimizations.class);
    private static final Duration MIN_GAP_AFTER_BURST = Duration.ofMinutes(1);
    private static final String LEASE = "plans";

    /** A person's decision on the waiting moves of a proposal. */
    public enum Decision { ACCEPT, REJECT }

    private final PlanOptimizer optimizer;
    private final OpenWork openWork;
    private final ProposalMoves moves;
    private final ProposalStore proposals;
    private final PlanReviews reviews;
    private final JobStore jobs;
    private final Clock clock;
    private final GatewayProperties properties;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicReference<Instant> lastRun;

    public PlanOptimizations(PlanOptimizer optimizer, OpenWork openWork, ProposalMoves moves,
            ProposalStore proposals, PlanReviews reviews, JobStore jobs, Clock clock, GatewayProperties properties) {
        this.optimizer = optimizer;
        this.openWork = openWork;
        this.moves = moves;
        this.proposals = proposals;
        this.reviews = reviews;
        this.jobs = jobs;
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
        OpenWork.Found work = openWork.find(territory, date, tenants, now);
        if (work.open().isEmpty() && !keepEmpty) {
            return Optional.empty();
        }
        long seed = now.toEpochMilli();
        // A move count instead of the time budget makes a run repeatable (a simulation on its virtual clock).
        Optimization run = optimizer.optimize(work.problem(), new PlanOptimizer.Limits(seconds,
                seconds.dividedBy(2), properties.planning().optimizeMoves(), seed));
        List<Optimization.Move> found = run.moves().stream()
                .filter(m -> m.fromTechnicianId() != null) // a job the plans do not hold is the flow's to rank
                .sorted(Comparator.comparing(Optimization.Move::toTechnicianId)
                        .thenComparingInt(Optimization.Move::toPosition))
                .toList();
        if (found.isEmpty() && !keepEmpty) {
            return Optional.empty();
        }
        String id = Ids.proposal();
        List<StoredMove> stored = moves.gated(found, work.open());
        ProposalStore.Proposal proposal = new ProposalStore.Proposal(id, now, requestedBy, territory,
                ProposalStore.Status.OPEN, new ProposalStore.Body(run.plans(), jobIds(work.current()),
                        run.unassigned(), run.before(), run.after(), run.evaluated(), run.spent().toMillis(), seed,
                        now, run.measuredLegs().size()), stored, null, null);
        Set<String> shown = new java.util.HashSet<>(proposal.body().unplaced());
        proposal.body().plans().values().forEach(shown::addAll);
        proposal.body().plansBefore().values().forEach(shown::addAll);
        java.util.SortedSet<String> shownTenants = jobs.tenantsOf(shown);
        if (!shownTenants.isEmpty() && !tenants.covers(shownTenants)) {
            // Nothing is stored, applied or announced for a proposal its requester could not read.
            throw new org.springframework.security.access.AccessDeniedException("the optimization would show other"
                    + " tenants' work; a user of all of them runs it");
        }
        // A proposal that shows no job is its requester's tenants'.
        moves.store(proposal, new ProposalStore.Snapshot(work.problem(), run.measuredLegs()),
                shownTenants.isEmpty() && !tenants.all() ? tenants.tenants() : shownTenants, tenants);
        LOG.info("plan optimization {}: {} moves ({} wait for a dispatcher), objectives {} -> {}", id, found.size(),
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

    /** Decides the waiting moves of a proposal: see {@link ProposalMoves#decide}. */
    public ProposalStore.Proposal decide(String proposalId, Decision decision, List<String> jobIds, String user) {
        return moves.decide(proposalId, decision, jobIds, user);
    }

    private static Map<String, List<String>> jobIds(Map<String, List<Visit>> plans) {
        Map<String, List<String>> ids = new HashMap<>();
        plans.forEach((technician, visits) -> ids.put(technician, visits.stream().map(Visit::jobId).toList()));
        return ids;
    }
}
