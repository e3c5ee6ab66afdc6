package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.dispatch.DispatchPackComposer;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.PackLinks;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.WriteBackQueue;
import io.dispatchgateway.core.port.KpiSink;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A dispatcher moves an assigned job to another technician. The new assignment and pack are stored with the
 * dispatcher's name and reason, and written back like any assignment: systems that knew the first technician
 * unassign them. Choosing a technician the ranking excluded is allowed, and the exclusion reasons go into the
 * audit beside the decision.
 */
@Service
public class Reassignment {

    private final JobStore jobs;
    private final TechnicianDirectory technicians;
    private final CustomerDirectory customers;
    private final InventoryLookup inventory;
    private final DispatchPackComposer packs;
    private final WriteBackQueue queue;
    private final WriteBacks writeBacks;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final KpiSink kpis;
    private final PackLinks packLinks;
    private final EscalationSender escalations;
    private final PlanBook plans;
    private final AssignmentPlanner planner;
    private final PolicyCatalog policies;
    private final RankingInputAssembler inputs;

    public Reassignment(PlanBook plans, AssignmentPlanner planner, PolicyCatalog policies, RankingInputAssembler inputs,
            JobStore jobs, TechnicianDirectory technicians, CustomerDirectory customers,
            InventoryLookup inventory, DispatchPackComposer packs, WriteBackQueue queue, WriteBacks writeBacks,
            AuditLog audit, TransactionTemplate tx, Clock clock, KpiSink kpis, PackLinks packLinks,
            EscalationSender escalations) {
        this.escalations = escalations;
        this.packLinks = packLinks;
        this.plans = plans;
        this.planner = planner;
        this.policies = policies;
        this.inputs = inputs;
        this.jobs = jobs;
        this.technicians = technicians;
        this.customers = customers;
        this.inventory = inventory;
        this.packs = packs;
        this.queue = queue;
        this.writeBacks = writeBacks;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.kpis = kpis;
    }

    /**
     * A person's reassignment. A technician who fails a hard rule of the job (as its ranking recorded it: a
     * missing skill or certification, the shift, the contract's exclusions) may be sent only by a manager, with a
     * reason, and the broken rules go into the audit; an inactive technician by nobody.
     *
     * @param manager whether the user is a manager (or admin)
     */
    public Assignment reassign(String jobId, String technicianId, String reason, String user, boolean manager) {
        JobStore.StoredJob stored = jobs.find(jobId)
                .orElseThrow(() -> new NoSuchElementException("no job with id '" + jobId + "'"));
        String broken = stored.recommendation() == null ? null : stored.recommendation().exclusion(technicianId)
                .map(e -> ExclusionReason.describe(e.reasons())).orElse(null);
        if (broken != null && !manager) {
            throw new ManagerRequiredException(technicianId + " fails the hard rules for job " + jobId
                    + ": " + broken + "; only a manager may send them, with a reason");
        }
        if (broken != null && (reason == null || reason.isBlank())) {
            throw new InvalidRequestException(List.of(new FieldProblem("reason", "is required to send "
                    + technicianId + ", who fails the hard rules for this job: " + broken)));
        }
        Assignment assignment = reassign(jobId, technicianId, reason, "user:" + user, null);
        if (broken != null) {
            // The managers hear of every override of the hard rules, with the rules and the reason.
            escalations.send(jobId, "rule-override", "Job " + jobId + " was reassigned to " + technicianId + " by "
                    + user + " over the hard rules: " + broken + ". Reason: " + reason);
        }
        return assignment;
    }


    /**
     * Reassigns a job that is assigned, en route or paused.
     *
     * @param actor {@code user:<name>} or the rule that decided it
     * @param eta when the new technician is expected on site, if known
     */
    public Assignment reassign(String jobId, String technicianId, String reason, String actor, Instant eta) {
        JobStore.StoredJob stored = jobs.find(jobId)
                .orElseThrow(() -> new NoSuchElementException("no job with id '" + jobId + "'"));
        if (stored.status() != JobStatus.ASSIGNED && stored.status() != JobStatus.EN_ROUTE
                && stored.status() != JobStatus.PAUSED && stored.status() != JobStatus.ON_SITE) {
            throw new InvalidRequestException(List.of(new FieldProblem("jobId", "job " + jobId + " is "
                    + stored.status() + "; only a job in the field (assigned, en route, on site, paused) can be"
                    + " reassigned")));
        }
        if (stored.assignment().mode() == AssignmentMode.IMPORTED && !actor.startsWith("user:")) {
            throw new InvalidRequestException(List.of(new FieldProblem("jobId", "job " + jobId + " was assigned to "
                    + stored.assignment().technicianId() + " in " + stored.job().source() + " by the office; only a"
                    + " dispatcher reassigns it")));
        }
        // Another tenant's technician reads as unknown: the answer must not tell that they exist.
        Technician technician = technicians.find(technicianId).filter(t -> t.worksFor(stored.job().tenant()))
                .orElseThrow(() -> new InvalidRequestException(
                List.of(new FieldProblem("technicianId", "no technician with id '" + technicianId + "' is known"))));
        if (Boolean.FALSE.equals(technician.active())) {
            throw new InvalidRequestException(List.of(new FieldProblem("technicianId",
                    "technician " + technicianId + " is inactive")));
        }
        if (technician.id().equals(stored.assignment().technicianId())) {
            throw new InvalidRequestException(List.of(new FieldProblem("technicianId",
                    "the job is already assigned to " + technicianId)));
        }
        Instant now = clock.instant();
        String fallback = AssignmentPlanner.fallback(stored.recommendation(), technician.id());
        Assignment assignment = stored.assignment().reassignedTo(technician.id(), fallback, actor, now);
        move(stored, technician, assignment, reason, actor, eta, now);
        writeBacks.deliverNow(jobId);
        return assignment;
    }

    /**
     * The source's office changed who is on the job's next visit. While the gateway's technician is still among
     * {@code technicianIds}, or the gateway decided after {@code at} (its write-back will bring the source in line),
     * nothing changes; otherwise a job in the field moves to the first of them the gateway knows, as the office's
     * work ({@link AssignmentMode#IMPORTED}: nothing written back, reassigned only by a person). A job not yet in the
     * field keeps its course, with the office's change in its audit.
     */
    public void staffedInSource(String source, String externalId, List<String> technicianIds, Instant at) {
        String jobId = jobs.findId(source, externalId).orElse(null);
        JobStore.StoredJob stored = jobId == null ? null : jobs.find(jobId).orElse(null);
        if (stored == null || technicianIds.isEmpty() || !stored.status().isActive()) {
            return; // unknown, closed, or nobody on the visit (also for a moment while a write-back swaps people)
        }
        Assignment current = stored.assignment();
        if (current != null && (technicianIds.contains(current.technicianId())
                || at != null && !at.isAfter(current.assignedAt()))) {
            return;
        }
        String actor = "source:" + source;
        Technician technician = technicianIds.stream().map(technicians::find).flatMap(java.util.Optional::stream)
                .filter(t -> !Boolean.FALSE.equals(t.active())).findFirst().orElse(null);
        if (technician == null || current == null || !stored.status().isInTheField()) {
            audit.record(jobId, actor, AuditAction.STAFFED_IN_SOURCE,
                    "the office put " + technicianIds + " on the visit"
                    + (technician == null ? "; no technician the gateway knows and can send"
                            : "; the job is " + stored.status() + ", the gateway's course stands until a dispatcher"
                                    + " changes it"));
            return;
        }
        Instant now = clock.instant();
        Assignment assignment = new Assignment(jobId, technician.id(),
                AssignmentPlanner.fallback(stored.recommendation(), technician.id()), AssignmentMode.IMPORTED, actor,
                now, current.technicianId());
        move(stored, technician, assignment, "the office staffed the visit in " + source, actor, null, now);
    }

    /** Stores the job's new assignment, plan place and pack; written back unless the source made it. */
    private void move(JobStore.StoredJob stored, Technician technician, Assignment assignment, String reason,
            String actor, Instant eta, Instant now) {
        String jobId = stored.job().id();
        Customer customer = customers.find(stored.job().customerId()).orElseThrow();
        String excluded = stored.recommendation().exclusion(technician.id()).map(Reassignment::describe).orElse("");
        RankingPolicy policy = policies.select(stored.job(), stored.classification(), customer);
        AssignmentPlanner.Slot slot = planner.slotFor(technician.id(), inputs.assemble(stored.job(),
                stored.classification(), customer, List.of(technician), plans.statesWithout(stored.job().id()),
                inventory.depots(), now, policy), policy);
        String breaks = slot.breaks().isEmpty() ? "" : "; it breaks " + ExclusionReason.describe(slot.breaks());
        Boolean done = tx.execute(status -> {
            String replaced = assignment.replacedTechnicianId();
            plans.place(jobId, slot);
            plans.reportEta(jobId, eta);
            // The job starts over with the new technician (it may have been en route or on site with the old one):
            // its times, pickups and pack are those of an assigned visit in the new plan.
            Visit fresh = new Visit(jobId, Visit.State.ASSIGNED, stored.job().location().point(),
                    stored.classification().estimatedDuration(), stored.classification().slaDeadline(),
                    stored.job().arrivalWindow(), stored.job().notBefore(), stored.job().partsNeeded(),
                    stored.classification().priority(), null, eta);
            AssignmentPlanner.Commitment placed = planner.commit(technician, plans.visits(technician.id()), fresh,
                    slot.position(), now, inventory.depots());
            Instant arrival = eta != null ? eta : placed.eta();
            Instant busyUntil = placed.visit().planned() ? placed.visit().finish() : now;
            DispatchPack pack = packLinks.signed(packs.compose(stored.job(), stored.classification(), customer,
                    technician, assignment, inventory.depots(), now, placed.visit()), assignment.assignedAt());
            if (!jobs.reassigned(jobId, assignment, pack, busyUntil, arrival)) {
                status.setRollbackOnly();
                return false;
            }
            plans.refresh(technician.id());
            if (replaced != null) {
                plans.refresh(replaced);
            }
            if (assignment.mode() != AssignmentMode.IMPORTED) {
                queue.enqueue(jobId);
            }
            audit.record(jobId, actor, AuditAction.REASSIGNED, "from " + replaced + " to "
                    + technician.id() + (reason == null || reason.isBlank() ? "" : "; reason: " + reason) + excluded
                    + breaks + "; " + (placed.position() + 1) + " of " + placed.plan().visits().size() + " in the plan");
            kpis.record(new KpiSink.KpiFact(jobId, "reassigned", now, Map.of("actor", actor,
                    "technicianId", technician.id())));
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            throw new InvalidRequestException(List.of(new FieldProblem("jobId",
                    "job " + jobId + " changed while it was being reassigned; read it again")));
        }
    }

    private static String describe(ExcludedTechnician excluded) {
        return "; the ranking had excluded them: " + ExclusionReason.describe(excluded.reasons());
    }
}
