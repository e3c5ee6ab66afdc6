package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.gateway.dispatch.ApprovalDesk;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.dispatch.PlanOptimizations;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated dispatchers: each approval and each plan proposal waiting for a person is decided after the
 * scenario's decision time, through the same use cases as the approval and proposal pages. A dispatcher takes
 * the recommendation, or now and then the second option (the scenario's override share). In the nearest-free
 * baseline every job waits for a dispatcher, who sends the nearest qualified technician with nothing to do, else
 * the one whose queue ends first.
 */
public class SimulatedOffice {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedOffice.class);
    private static final String DISPATCHER = "sim:dispatcher";

    private final JobStore jobs;
    private final ApprovalDesk desk;
    private final PlanOptimizations optimizations;
    private final ProposalStore proposals;
    private final PlanBook plans;

    private final Set<String> seen = new HashSet<>();
    private Behaviour behaviour;
    private Agenda agenda;
    private SimulatedClock clock;
    private boolean nearestFree;
    private Replay replay;

    public SimulatedOffice(JobStore jobs, ApprovalDesk desk, PlanOptimizations optimizations,
            ProposalStore proposals, PlanBook plans) {
        this.jobs = jobs;
        this.desk = desk;
        this.optimizations = optimizations;
        this.proposals = proposals;
        this.plans = plans;
    }

    /** @param replay the recording that decides its own jobs' approvals (null: the office decides all) */
    void start(Behaviour behaviour, Agenda agenda, SimulatedClock clock, boolean nearestFree, Replay replay) {
        this.behaviour = behaviour;
        this.agenda = agenda;
        this.clock = clock;
        this.nearestFree = nearestFree;
        this.replay = replay;
    }

    /** Puts what newly waits for a person on the dispatcher's desk. */
    void look() {
        Instant now = clock.instant();
        for (Approval approval : jobs.approvals(ApprovalStatus.PENDING, TenantScope.ALL, 0, 10_000)) {
            if ((replay == null || !replay.decides(approval.jobId())) && seen.add(approval.id())) {
                agenda.at(now.plus(Duration.ofMinutes(behaviour.decisionMinutes(approval.id()))),
                        () -> decide(approval.id()));
            }
        }
        for (ProposalStore.Proposal proposal : proposals.latest(5)) {
            if (proposal.status() == ProposalStore.Status.OPEN && seen.add(proposal.id())
                    && proposal.moves().stream().anyMatch(m -> m.status() == ProposalStore.MoveStatus.PENDING)) {
                agenda.at(now.plus(Duration.ofMinutes(behaviour.decisionMinutes(proposal.id()))),
                        () -> accept(proposal.id()));
            }
        }
    }

    private void decide(String approvalId) {
        Approval approval = jobs.findApproval(approvalId).orElse(null);
        if (approval == null || approval.status() != ApprovalStatus.PENDING) {
            return;
        }
        Recommendation recommendation = jobs.find(approval.jobId())
                .map(JobStore.StoredJob::recommendation).orElse(null);
        List<RankedOption> options = recommendation == null ? List.of() : recommendation.options();
        if (options.isEmpty()) {
            return; // nobody fits: it stays with the dispatcher, as it would
        }
        // null takes the recommendation as it stands.
        String technician = nearestFree ? nearestFree(approval.jobId(), options)
                : behaviour.overrides(approvalId) && options.size() > 1 ? options.get(1).technicianId() : null;
        try {
            desk.decide(approvalId, ApprovalDesk.Decision.APPROVE, technician, "simulated dispatcher", DISPATCHER,
                    true);
        } catch (RuntimeException e) {
            LOG.debug("approval {} not decided: {}", approvalId, e.getMessage());
        }
    }

    private void accept(String proposalId) {
        try {
            optimizations.decide(proposalId, PlanOptimizations.Decision.ACCEPT, null, DISPATCHER);
        } catch (RuntimeException e) {
            LOG.debug("proposal {} not decided: {}", proposalId, e.getMessage());
        }
    }

    /** The nearest qualified technician with nothing else to do, else the one whose queue ends first. */
    private String nearestFree(String jobId, List<RankedOption> options) {
        return options.stream().filter(option -> free(option.technicianId(), jobId))
                .min(Comparator.comparingDouble(RankedOption::travelMinutes)
                        .thenComparing(RankedOption::technicianId))
                .map(RankedOption::technicianId)
                .orElseGet(() -> options.stream()
                        .min(Comparator.comparing((RankedOption option) -> queueEnd(option.technicianId(), jobId))
                                .thenComparing(RankedOption::technicianId))
                        .orElseThrow().technicianId());
    }

    private boolean free(String technicianId, String jobId) {
        // Reservations of jobs still waiting for a dispatcher are not work the dispatcher gave anyone.
        return plans.visits(technicianId).stream()
                .allMatch(visit -> visit.jobId().equals(jobId) || visit.state() == Visit.State.PROPOSED);
    }

    private Instant queueEnd(String technicianId, String jobId) {
        return plans.plan(technicianId).map(plan -> plan.visits().stream()
                .filter(visit -> !visit.jobId().equals(jobId) && visit.planned()
                        && visit.visit().state() != Visit.State.PROPOSED)
                .map(PlannedVisit::finish).max(Comparator.naturalOrder()).orElse(clock.instant()))
                .orElse(Instant.MAX);
    }
}
