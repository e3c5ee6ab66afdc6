package io.dispatchgateway.gateway.kpi;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.AuditEntry;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.mappings.kpi.JobFact;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Builds each job's facts from what the gateway stored about it: the job, its decisions and its audit. */
@Service
public class KpiFacts {

    private static final Set<String> HUMAN_DECISIONS = Set.of("approved", "rejected", "reassigned");

    private final JobStore jobs;
    private final AuditLog audit;
    private final CustomerDirectory customers;

    public KpiFacts(JobStore jobs, AuditLog audit, CustomerDirectory customers) {
        this.jobs = jobs;
        this.audit = audit;
        this.customers = customers;
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
        Instant assignedAt = first(trail, "assigned");
        Double travel = stored.assignment() == null || stored.recommendation() == null ? null
                : stored.recommendation().option(stored.assignment().technicianId()).map(RankedOption::travelMinutes)
                        .orElse(null);
        int reassignments = (int) trail.stream().filter(e -> e.action().equals("reassigned")).count();
        boolean override = reassignments > 0 || (stored.assignment() != null
                && stored.assignment().mode() == AssignmentMode.OVERRIDDEN);
        int touches = (int) trail.stream().filter(e -> e.actor().startsWith("user:")
                && HUMAN_DECISIONS.contains(e.action())).count();
        int exceptions = (int) trail.stream().filter(e -> e.action().startsWith("escalat")).count();
        return new JobFact(id, stored.job().tenant(), territory,
                stored.classification() == null ? null : stored.classification().category(),
                stored.classification() == null ? null : stored.classification().priority().name(),
                stored.status().name(), stored.job().receivedAt(), first(trail, "classified"), first(trail, "ranked"),
                approval == null ? null : approval.requestedAt(), approval == null ? null : approval.decidedAt(),
                approval == null ? null : approval.decidedBy(), assignedAt,
                trail.stream().filter(e -> e.action().equals("assigned")).findFirst()
                        .map(e -> e.actor().startsWith("rule:")).orElse(false),
                stored.assignment() == null ? null : stored.assignment().mode().name(),
                stored.assignment() == null ? null : stored.assignment().technicianId(),
                stored.classification() == null ? null : stored.classification().slaDeadline(), travel,
                assignedAt == null ? null : Duration.between(stored.job().receivedAt(), assignedAt).toMillis() / 60_000.0,
                reassignments, override, touches, exceptions, null, null, null, null, null, null, null);
    }

    private static Instant first(List<AuditEntry> trail, String action) {
        return trail.stream().filter(e -> e.action().equals(action)).map(AuditEntry::at).findFirst().orElse(null);
    }
}
