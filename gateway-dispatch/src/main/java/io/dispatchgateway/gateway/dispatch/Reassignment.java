package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;

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
    private final JobMoves moves;
    private final WriteBacks writeBacks;
    private final EscalationSender escalations;
    private final AuditLog audit;
    private final Clock clock;

    public Reassignment(JobStore jobs, TechnicianDirectory technicians, CustomerDirectory customers, JobMoves moves,
            WriteBacks writeBacks, EscalationSender escalations, AuditLog audit, Clock clock) {
        this.jobs = jobs;
        this.technicians = technicians;
        this.customers = customers;
        this.moves = moves;
        this.writeBacks = writeBacks;
        this.escalations = escalations;
        this.audit = audit;
        this.clock = clock;
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
        moves.move(stored, customer(stored), technician, assignment, reason, actor, eta, now);
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
        moves.move(stored, customer(stored), technician, assignment, "the office staffed the visit in " + source, actor,
                null, now);
    }

    private Customer customer(JobStore.StoredJob stored) {
        return customers.find(stored.job().customerId()).orElseThrow();
    }
}
