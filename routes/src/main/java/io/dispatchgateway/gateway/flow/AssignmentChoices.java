package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.mappings.event.JobEventType;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who an assignment event gives the job to, and on whose word: the office's technician for its own work, the
 * ranking's best when the gate let it through, the approved (or overriding) technician after a dispatcher.
 */
@Component
public class AssignmentChoices {

    private final JobStore jobs;
    private final OfficeWork office;
    private final TechnicianDirectory technicians;

    public AssignmentChoices(JobStore jobs, OfficeWork office, TechnicianDirectory technicians) {
        this.jobs = jobs;
        this.office = office;
        this.technicians = technicians;
    }

    /**
     * @param by who decided ({@code rule:...}, {@code user:...}, {@code source:...})
     * @param from the job's statuses the assignment may move it from
     */
    public record Choice(Technician technician, AssignmentMode mode, String by, List<JobStatus> from) {}

    /** @return empty when the event is a redelivery or no longer fits the job's state */
    public Optional<Choice> choose(JobEvent event, StoredJob stored) {
        return decided(event, stored).map(d -> new Choice(technicians.find(d.technicianId).orElseThrow(
                () -> new IllegalStateException("technician " + d.technicianId + " is no longer known")),
                d.mode, d.by, d.from));
    }

    private record Decided(String technicianId, AssignmentMode mode, String by, List<JobStatus> from) {}

    private Optional<Decided> decided(JobEvent event, StoredJob stored) {
        if (event.type() == JobEventType.ASSIGNMENT_AUTOMATIC && stored.status() == JobStatus.RANKED
                && office.holds(stored)) {
            return Optional.of(new Decided(stored.job().committedTechnicianId(), AssignmentMode.IMPORTED,
                    "source:" + stored.job().source(), List.of(JobStatus.RANKED)));
        }
        if (event.type() == JobEventType.ASSIGNMENT_AUTOMATIC && stored.status() == JobStatus.RANKED) {
            return stored.recommendation().best().map(best -> new Decided(best.technicianId(),
                    AssignmentMode.AUTOMATIC, "rule:approval-policy", List.of(JobStatus.RANKED)));
        }
        if (event.type() == JobEventType.ASSIGNMENT_APPROVED
                && (stored.status() == JobStatus.PENDING_APPROVAL || stored.status() == JobStatus.ESCALATED)) {
            return jobs.latestApprovalForJob(event.jobId())
                    .filter(a -> a.status() == ApprovalStatus.APPROVED)
                    .map(a -> new Decided(a.technicianId(),
                            a.technicianId().equals(a.recommendedTechnicianId()) ? AssignmentMode.APPROVED
                                    : AssignmentMode.OVERRIDDEN,
                            a.decidedBy().startsWith("system:") ? a.decidedBy() : "user:" + a.decidedBy(),
                            List.of(JobStatus.PENDING_APPROVAL, JobStatus.ESCALATED)));
        }
        return Optional.empty();
    }
}
