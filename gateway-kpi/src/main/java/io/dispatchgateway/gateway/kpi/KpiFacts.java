package io.dispatchgateway.gateway.kpi;

import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.AuditEntry;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Minutes;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.mappings.kpi.JobFact;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Builds each job's facts from what the gateway stored about it: the job, its decisions and its audit. */
@Service
public class KpiFacts {

    private static final Set<AuditAction> HUMAN_DECISIONS = Set.of(AuditAction.APPROVED, AuditAction.REJECTED,
            AuditAction.REASSIGNED);

    private final JobStore jobs;
    private final AuditLog audit;
    private final CustomerDirectory customers;
    private final LiveOpsStore live;
    private final Clock clock;

    public KpiFacts(JobStore jobs, AuditLog audit, CustomerDirectory customers, LiveOpsStore live, Clock clock) {
        this.jobs = jobs;
        this.audit = audit;
        this.customers = customers;
        this.live = live;
        this.clock = clock;
    }

    public List<JobFact> between(Instant from, Instant to) {
        return jobs.receivedBetween(from, to).stream().map(this::fact).toList();
    }

    JobFact fact(JobStore.StoredJob stored) {
        String id = stored.job().id();
        List<AuditEntry> trail = audit.forJob(id);
        Approval approval = jobs.latestApprovalForJob(id).orElse(null);
        String territory = stored.job().territory() != null ? stored.job().territory()
                : customers.find(stored.job().customerId()).map(c -> c.territory()).orElse(null);
        // Work the source's office assigned is not a dispatch of the gateway's: no assignment time, travel or
        // automation share of its own (its field and SLA facts count as any job's).
        boolean imported = trail.stream().filter(e -> e.is(AuditAction.ASSIGNED)).findFirst()
                .map(e -> e.actor().startsWith("source:")).orElse(false);
        Instant assignedAt = imported ? null : first(trail, AuditAction.ASSIGNED);
        Double travel = stored.assignment() == null || stored.recommendation() == null ? null
                : stored.recommendation().option(stored.assignment().technicianId()).map(RankedOption::travelMinutes)
                        .orElse(null);
        int reassignments = (int) trail.stream().filter(e -> e.is(AuditAction.REASSIGNED)).count();
        boolean override = trail.stream().anyMatch(e -> e.is(AuditAction.REASSIGNED)
                && e.actor().startsWith("user:")) || (stored.assignment() != null
                && stored.assignment().mode() == AssignmentMode.OVERRIDDEN);
        int touches = (int) trail.stream().filter(e -> e.actor().startsWith("user:")
                && AuditAction.ofWire(e.action()).filter(HUMAN_DECISIONS::contains).isPresent()).count();
        Instant now = clock.instant();
        List<LiveOpsStore.JobException> raised = live.exceptions(id);
        boolean escalated = trail.stream().anyMatch(e -> e.is(AuditAction.ESCALATED));
        int exceptions = raised.size() + (escalated ? 1 : 0);
        int closed = (int) raised.stream().filter(e -> e.closedAt() != null).count()
                + (escalated && approval != null && approval.decidedAt() != null ? 1 : 0);
        double exceptionMinutes = raised.stream().mapToDouble(e -> Minutes.between(e.openedAt(),
                e.closedAt() != null ? e.closedAt() : now)).sum();
        if (escalated && approval != null) {
            exceptionMinutes += Minutes.between(approval.requestedAt(),
                    approval.decidedAt() != null ? approval.decidedAt() : now);
        }
        LiveOpsStore.Live field = live.live(id).orElse(null);
        Instant deadline = stored.classification() == null ? null : stored.classification().slaDeadline();
        Boolean slaMet = null;
        if (field != null && deadline != null && stored.status() != JobStatus.CANCELLED) {
            if (field.arrivedAt() != null) {
                slaMet = !field.arrivedAt().isAfter(deadline);
            } else if (stored.status().isInTheField() && now.isAfter(deadline)) {
                slaMet = false;
            }
        }
        boolean slaException = raised.stream().anyMatch(e -> e.family() != ExceptionRules.Family.PRIORITY_CONFLICT);
        Boolean recovered = slaException ? slaMet : null;
        Instant firstRaised = raised.stream().map(LiveOpsStore.JobException::openedAt).min(Instant::compareTo)
                .orElse(null);
        Double reassignmentMinutes = firstRaised == null ? null : trail.stream()
                .filter(e -> e.is(AuditAction.REASSIGNED) && !e.at().isBefore(firstRaised)).findFirst()
                .map(e -> Minutes.between(firstRaised, e.at())).orElse(null);
        List<LiveOpsStore.CustomerUpdate> updates = live.customerUpdates(id);
        Double updateDelay = updates.stream().filter(u -> u.sentAt() != null)
                .mapToDouble(u -> Minutes.between(u.changedAt(), u.sentAt())).average().stream().boxed().findFirst()
                .orElse(null);
        Double actualTravel = field == null || field.enRouteAt() == null || field.arrivedAt() == null
                || field.arrivedAt().isBefore(field.enRouteAt()) ? null
                        : Minutes.between(field.enRouteAt(), field.arrivedAt());
        return new JobFact(id, stored.job().tenant(), territory,
                stored.classification() == null ? null : stored.classification().category(),
                stored.classification() == null ? null : stored.classification().priority().name(),
                stored.status().name(), stored.job().receivedAt(), first(trail, AuditAction.CLASSIFIED),
                        first(trail, AuditAction.RANKED),
                approval == null ? null : approval.requestedAt(), approval == null ? null : approval.decidedAt(),
                approval == null ? null : approval.decidedBy(), assignedAt,
                trail.stream().filter(e -> e.is(AuditAction.ASSIGNED)).findFirst()
                        .map(e -> e.actor().startsWith("rule:")).orElse(false),
                stored.assignment() == null ? null : stored.assignment().mode().name(),
                stored.assignment() == null ? null : stored.assignment().technicianId(),
                stored.classification() == null ? null : stored.classification().slaDeadline(), travel,
                assignedAt == null ? null : Minutes.between(stored.job().receivedAt(), assignedAt),
                reassignments, override, touches, exceptions,
                field == null ? null : field.enRouteAt(), field == null ? null : field.arrivedAt(),
                field == null ? null : field.completedAt(), slaMet, actualTravel,
                field == null ? null : field.firstTimeFix(), updates.size(), closed,
                exceptions == 0 ? null : exceptionMinutes, recovered, reassignmentMinutes, updateDelay);
    }


    private static Instant first(List<AuditEntry> trail, AuditAction action) {
        return trail.stream().filter(e -> e.is(action)).map(AuditEntry::at).findFirst().orElse(null);
    }
}
