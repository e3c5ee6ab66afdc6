package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.dispatch.ApprovalNotices;
import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.gateway.dispatch.WriteBacks;
import io.dispatchgateway.gateway.dispatch.JobEvents;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.tenancy.JobLogContext;
import io.dispatchgateway.core.approval.ApprovalPolicy;
import io.dispatchgateway.core.approval.GateDecision;
import io.dispatchgateway.core.classify.JobClassifier;
import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.dispatch.DispatchPackComposer;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Placement;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.dispatch.PackLinks;
import io.dispatchgateway.gateway.live.PriorityConflicts;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.gateway.persistence.WriteBackQueue;
import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.mappings.event.JobEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stages of the flow. Each takes the incoming event's JSON, reads the job's current state, calls
 * gateway-core, stores the result with a conditional status change, and returns the next event's JSON, or
 * null when the flow stops here (waiting for a human, or the event was a redelivery of a finished stage).
 */
@Component
public class DispatchStages {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchStages.class);
    private static final int MAX_RANKING_ATTEMPTS = 5;

    private final JobStore jobs;
    private final AuditLog audit;
    private final JobEvents events;
    private final CustomerDirectory customers;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final JobClassifier classifier;
    private final CandidateRanker ranker;
    private final RankingInputAssembler inputs;
    private final PolicyCatalog policies;
    private final ApprovalPolicy approvalPolicy;
    private final DispatchPackComposer packs;
    private final ApprovalNotices notices;
    private final EscalationSender escalations;
    private final WriteBackQueue writeBackQueue;
    private final WriteBacks writeBacks;
    private final KpiSink kpis;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PackLinks packLinks;
    private final PriorityConflicts conflicts;
    private final LiveOpsStore liveOps;
    private final PlanBook plans;
    private final AssignmentPlanner planner;

    public DispatchStages(JobStore jobs, AuditLog audit, JobEvents events, CustomerDirectory customers,
            TechnicianDirectory technicians, InventoryLookup inventory, JobClassifier classifier,
            CandidateRanker ranker, RankingInputAssembler inputs, PolicyCatalog policies,
            ApprovalPolicy approvalPolicy, DispatchPackComposer packs,
            ApprovalNotices notices, EscalationSender escalations, WriteBackQueue writeBackQueue,
            WriteBacks writeBacks, KpiSink kpis, TransactionTemplate tx, Clock clock, PackLinks packLinks,
            LiveOpsStore liveOps, PriorityConflicts conflicts, PlanBook plans, AssignmentPlanner planner) {
        this.plans = plans;
        this.planner = planner;
        this.conflicts = conflicts;
        this.packLinks = packLinks;
        this.liveOps = liveOps;
        this.jobs = jobs;
        this.audit = audit;
        this.events = events;
        this.customers = customers;
        this.technicians = technicians;
        this.inventory = inventory;
        this.classifier = classifier;
        this.ranker = ranker;
        this.inputs = inputs;
        this.policies = policies;
        this.approvalPolicy = approvalPolicy;
        this.packs = packs;
        this.notices = notices;
        this.escalations = escalations;
        this.writeBackQueue = writeBackQueue;
        this.writeBacks = writeBacks;
        this.kpis = kpis;
        this.tx = tx;
        this.clock = clock;
    }

    public String classify(String body) {
        JobEvent event = events.read(body);
        StoredJob stored = job(event.jobId());
        if (stored.status() != JobStatus.RECEIVED) {
            return skip(event, stored);
        }
        Customer customer = customer(stored);
        Classification classification = classifier.classify(stored.job(), customer);
        String actor = "rule:classification/" + classification.rule();
        Boolean moved = tx.execute(status -> {
            if (!jobs.classified(event.jobId(), classification)) {
                return false;
            }
            audit.record(event.jobId(), actor, AuditAction.CLASSIFIED, classification.category() + ", "
                    + classification.priority() + ", skill " + classification.requiredSkill() + " >= "
                    + classification.minimumSkillLevel() + (classification.safetyImpact() ? ", safety impact" : "")
                    + ", SLA deadline " + classification.slaDeadline());
            return true;
        });
        return Boolean.TRUE.equals(moved) ? events.next(event.jobId(), JobEventType.CLASSIFIED, actor) : null;
    }

    /**
     * Ranks the job on the current plans and reserves the best option's place in its technician's plan, in one
     * transaction that re-checks the plan; when another decision changed that plan meanwhile, ranks again.
     */
    public String rank(String body) {
        JobEvent event = events.read(body);
        for (int attempt = 0; attempt < MAX_RANKING_ATTEMPTS; attempt++) {
            StoredJob stored = job(event.jobId());
            if (stored.status() != JobStatus.CLASSIFIED) {
                return skip(event, stored);
            }
            Customer customer = customer(stored);
            RankingPolicy policy = policies.select(stored.job(), stored.classification(), customer);
            RankingInput input = inputs.assemble(stored.job(), stored.classification(), customer, technicians.all(),
                    plans.statesWithout(event.jobId()), inventory.depots(), clock.instant(), policy);
            Recommendation recommendation = ranker.rank(input, policy);
            String actor = "rule:ranking/" + policy.name();
            Optional<AssignmentPlanner.Slot> slot = recommendation.best()
                    .map(best -> planner.slotOf(best, input.stateOf(best.technicianId())));
            Integer moved = tx.execute(status -> {
                if (!jobs.ranked(event.jobId(), recommendation, input)) {
                    return 0;
                }
                if (slot.isPresent() && !plans.reserve(event.jobId(), slot.get())) {
                    status.setRollbackOnly();
                    return -1;
                }
                audit.record(event.jobId(), actor, AuditAction.RANKED, "policy " + policy.name() + ": "
                        + recommendation.eligible() + " eligible, " + recommendation.excluded().size() + " excluded"
                        + recommendation.best().map(b -> "; best " + b.technicianId() + " (score " + b.score() + ")"
                                + (b.placement() == null ? "" : ", " + b.placement().summary())).orElse(""));
                return 1;
            });
            if (moved != null && moved == 1) {
                return events.next(event.jobId(), JobEventType.RANKED, actor);
            }
            if (moved == null || moved == 0) {
                return null;
            }
            LOG.debug("plan of {} changed while job {} was ranked; ranking again", slot.get().technicianId(),
                    event.jobId());
        }
        throw new IllegalStateException("job " + event.jobId() + ": the plans kept changing during "
                + MAX_RANKING_ATTEMPTS + " rankings; it is ranked again on redelivery");
    }

    /** @return the assignment event when the job may be assigned automatically, else null */
    public String gate(String body) {
        JobEvent event = events.read(body);
        StoredJob stored = job(event.jobId());
        if (stored.status() != JobStatus.RANKED) {
            return skip(event, stored);
        }
        Customer customer = customer(stored);
        String committed = stored.job().committedTechnicianId();
        if (officeHolds(stored)) {
            // The office's work: it stays with the technician the source system's dispatcher chose.
            if (jobs.markGateCleared(event.jobId())) {
                audit.record(event.jobId(), "source:" + stored.job().source(), AuditAction.COMMITTED_BY_SOURCE,
                        "assigned to " + committed + " in " + stored.job().source() + "; held in that plan");
            }
            return events.next(event.jobId(), JobEventType.ASSIGNMENT_AUTOMATIC, "source:" + stored.job().source());
        }
        Optional<PriorityConflicts.Found> conflict = conflicts.find(stored, customer);
        if (conflict.isPresent()) {
            gateConflict(event, conflict.get());
            return null;
        }
        GateDecision evaluated = approvalPolicy.evaluate(stored.classification(), customer,
                stored.recommendation());
        GateDecision decision = committed == null ? evaluated : officeRefused(stored, evaluated);
        String actor = "rule:approval-policy";
        if (!decision.approvalRequired()) {
            // Recorded once; a redelivered event still passes on (the assignment itself is conditional).
            if (jobs.markGateCleared(event.jobId())) {
                audit.record(event.jobId(), actor, AuditAction.AUTO_ASSIGN_CLEARED, "no approval rule applies");
            }
            return events.next(event.jobId(), JobEventType.ASSIGNMENT_AUTOMATIC, actor);
        }
        JobStatus waiting = decision.escalation() ? JobStatus.ESCALATED : JobStatus.PENDING_APPROVAL;
        Approval approval = Approval.pending(Ids.approval(),
                event.jobId(), decision.reasons(),
                stored.recommendation().best().map(RankedOption::technicianId).orElse(null), clock.instant());
        Boolean moved = tx.execute(status -> {
            if (!jobs.moveStatus(event.jobId(), JobStatus.RANKED, waiting)) {
                return false;
            }
            jobs.insertApproval(approval);
            audit.record(event.jobId(), actor,
                    decision.escalation() ? AuditAction.ESCALATED : AuditAction.APPROVAL_REQUESTED,
                    approval.id() + ": " + String.join("; ", decision.reasons()));
            LOG.info("job {} waits for a dispatcher ({}): {}", event.jobId(), approval.id(),
                    String.join("; ", decision.reasons()));
            kpis.record(new KpiSink.KpiFact(event.jobId(), decision.escalation() ? "escalated" : "approval-requested",
                    approval.requestedAt(), Map.of("actor", actor, "escalation", decision.escalation())));
            if (decision.escalation()) {
                // Stored with the decision, sent once it commits (and again until the channel takes it).
                escalations.send(event.jobId(), "no-eligible-technician", String.join("; ", decision.reasons()));
                audit.record(event.jobId(), actor, AuditAction.ESCALATION_NO_ELIGIBLE_TECHNICIAN,
                        "for the escalation channel: " + String.join("; ", decision.reasons()));
            }
            return true;
        });
        if (Boolean.TRUE.equals(moved)) {
            notices.send(approval);
        }
        return null;
    }

    private void gateConflict(JobEvent event, PriorityConflicts.Found found) {
        Approval approval = found.approval();
        String actor = "rule:priority-conflict";
        Boolean moved = tx.execute(status -> {
            if (!jobs.moveStatus(event.jobId(), JobStatus.RANKED, JobStatus.PENDING_APPROVAL)) {
                return false;
            }
            jobs.insertApproval(approval);
            audit.record(event.jobId(), actor, AuditAction.APPROVAL_REQUESTED, approval.id() + ": "
                    + String.join("; ", approval.reasons()));
            conflicts.record(found);
            kpis.record(new KpiSink.KpiFact(event.jobId(), "approval-requested", approval.requestedAt(),
                    Map.of("actor", actor)));
            escalations.send(event.jobId(), "priority-conflict", String.join("; ", approval.reasons()));
            return true;
        });
        if (Boolean.TRUE.equals(moved)) {
            notices.send(approval);
        }
    }

    public void assign(String body) {
        JobEvent event = events.read(body);
        StoredJob stored = job(event.jobId());
        Choice choice = choose(event, stored);
        if (choice == null) {
            skip(event, stored);
            return;
        }
        Technician technician = technicians.find(choice.technicianId()).orElseThrow(
                () -> new IllegalStateException("technician " + choice.technicianId() + " is no longer known"));
        String fallback = AssignmentPlanner.fallback(stored.recommendation(), technician.id());
        Instant now = clock.instant();
        Assignment assignment = new Assignment(event.jobId(), technician.id(), fallback, choice.mode(), choice.by(),
                now, null);
        String[] bumped = {null};
        Boolean moved = tx.execute(status -> {
            // The job keeps the place it reserved when ranked; a technician chosen by a person gets their best place.
            if (!plans.placed(event.jobId()).map(p -> p.technicianId().equals(technician.id())).orElse(false)) {
                plans.place(event.jobId(), slotFor(stored, technician.id()));
            }
            if (choice.mode() != AssignmentMode.AUTOMATIC) {
                bumped[0] = conflicts.bump(event.jobId(), technician.id());
                if (bumped[0] != null) {
                    // The winner takes its best place in the plan without the bumped job, as the approval showed.
                    plans.release(bumped[0]);
                    plans.place(event.jobId(), slotFor(stored, technician.id()));
                }
            }
            PlanBook.Placed placed = plans.placed(event.jobId()).orElseThrow();
            Instant committed = placed.visit().planned() ? placed.visit().arrival() : null;
            Instant busyUntil = placed.visit().planned() ? placed.visit().finish() : now;
            DispatchPack pack = packLinks.signed(packs.compose(stored.job(), stored.classification(),
                    customer(stored), technician, assignment, inventory.depots(), now, placed.visit()),
                    assignment.assignedAt());
            if (!jobs.assigned(event.jobId(), choice.from(), assignment, pack, busyUntil,
                    stored.job().location().point())) {
                status.setRollbackOnly();
                return false;
            }
            liveOps.setEta(event.jobId(), committed);
            plans.refresh(technician.id());
            if (choice.mode() != AssignmentMode.IMPORTED) {
                writeBackQueue.enqueue(event.jobId()); // the source system has the office's assignment already
            }
            audit.record(event.jobId(), choice.by(), AuditAction.ASSIGNED, technician.id() + " (" + choice.mode()
                    + "), fallback " + (fallback == null ? "none" : fallback) + "; " + Placement.ordinal(placed.position())
                    + " of " + placed.of() + " in the plan" + (committed == null ? ", not yet planned"
                            : ", arriving " + committed));
            LOG.info("job {} assigned to {} ({})", event.jobId(), technician.id(), choice.mode());
            audit.record(event.jobId(), "rule:dispatch-pack", AuditAction.PACK_CREATED, pack.requiredParts().size()
                    + " part(s), " + pack.partsMissingFromTruck().size() + " to pick up");
            kpis.record(new KpiSink.KpiFact(event.jobId(), "assigned", assignment.assignedAt(), Map.of(
                    "mode", assignment.mode().name(), "technicianId", assignment.technicianId(), "actor", choice.by(),
                    "minutes", Duration.between(stored.job().receivedAt(), assignment.assignedAt()).toMillis()
                            / 60_000.0)));
            return true;
        });
        if (Boolean.TRUE.equals(moved)) {
            if (bumped[0] != null) {
                conflicts.rankAgain(bumped[0]);
            }
            writeBacks.deliverNow(event.jobId());
        }
    }

    /** The best place in {@code technicianId}'s plan now, for a technician a person chose. */
    private AssignmentPlanner.Slot slotFor(StoredJob stored, String technicianId) {
        Customer customer = customer(stored);
        RankingPolicy policy = policies.select(stored.job(), stored.classification(), customer);
        RankingInput input = inputs.assemble(stored.job(), stored.classification(), customer,
                technicians.find(technicianId).map(List::of).orElse(List.of()), plans.statesWithout(stored.job().id()),
                inventory.depots(),
                clock.instant(), policy);
        return planner.slotFor(technicianId, input, policy);
    }

    private record Choice(String technicianId, AssignmentMode mode, String by, List<JobStatus> from) {}

    private Choice choose(JobEvent event, StoredJob stored) {
        if (event.type() == JobEventType.ASSIGNMENT_AUTOMATIC && stored.status() == JobStatus.RANKED
                && officeHolds(stored)) {
            return new Choice(stored.job().committedTechnicianId(), AssignmentMode.IMPORTED,
                    "source:" + stored.job().source(), List.of(JobStatus.RANKED));
        }
        if (event.type() == JobEventType.ASSIGNMENT_AUTOMATIC && stored.status() == JobStatus.RANKED) {
            return stored.recommendation().best()
                    .map(best -> new Choice(best.technicianId(), AssignmentMode.AUTOMATIC, "rule:approval-policy",
                            List.of(JobStatus.RANKED)))
                    .orElse(null);
        }
        if (event.type() == JobEventType.ASSIGNMENT_APPROVED
                && (stored.status() == JobStatus.PENDING_APPROVAL || stored.status() == JobStatus.ESCALATED)) {
            return jobs.latestApprovalForJob(event.jobId())
                    .filter(a -> a.status() == ApprovalStatus.APPROVED)
                    .map(a -> new Choice(a.technicianId(),
                            a.technicianId().equals(a.recommendedTechnicianId()) ? AssignmentMode.APPROVED
                                    : AssignmentMode.OVERRIDDEN,
                            a.decidedBy().startsWith("system:") ? a.decidedBy() : "user:" + a.decidedBy(),
                            List.of(JobStatus.PENDING_APPROVAL, JobStatus.ESCALATED)))
                    .orElse(null);
        }
        return null;
    }

    /** The office chose a technician the gateway cannot hold the job with: a dispatcher decides, and why. */
    private static GateDecision officeRefused(StoredJob stored, GateDecision evaluated) {
        String committed = stored.job().committedTechnicianId();
        List<String> reasons = new java.util.ArrayList<>(evaluated.reasons());
        reasons.add("the office assigned " + committed + " in " + stored.job().source() + ", who "
                + stored.recommendation().excluded().stream().filter(e -> e.technicianId().equals(committed))
                        .findFirst().map(e -> "breaks " + e.reasons().stream().map(r -> r.rule())
                                .collect(java.util.stream.Collectors.joining(", ")))
                        .orElse("is not known to the gateway"));
        return new GateDecision(true, evaluated.escalation(), reasons);
    }

    /**
     * Whether the job is the office's work the gateway holds as it is: the source named a technician the gateway
     * knows and the ranking's hard rules do not exclude (else a dispatcher decides).
     */
    private boolean officeHolds(StoredJob stored) {
        String committed = stored.job().committedTechnicianId();
        return committed != null && technicians.find(committed).isPresent() && stored.recommendation() != null
                && stored.recommendation().excluded().stream().noneMatch(e -> e.technicianId().equals(committed));
    }

    private String skip(JobEvent event, StoredJob stored) {
        LOG.debug("event {} for job {} ignored: job is {}", event.type(), event.jobId(), stored.status());
        return null;
    }

    private StoredJob job(String id) {
        StoredJob stored = jobs.find(id).orElseThrow(() -> new IllegalStateException("job " + id
                + " is not in the store"));
        JobLogContext.enter(stored.job().tenant(), id);
        return stored;
    }

    private Customer customer(StoredJob stored) {
        return customers.find(stored.job().customerId()).orElseThrow(() -> new IllegalStateException(
                "customer " + stored.job().customerId() + " of job " + stored.job().id() + " is no longer known"));
    }
}
