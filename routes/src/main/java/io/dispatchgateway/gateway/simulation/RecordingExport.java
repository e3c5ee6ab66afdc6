package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.core.intake.JobIntake;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.AuditEntry;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.gateway.persistence.TechnicianFixLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Writes a period of the gateway's history as a {@link Recording}: the jobs received in it, what reached them
 * from outside until now, the roster at the period's start and the settings that decide, so the period can be
 * replayed ({@code simulate --recording}) under these settings or others.
 */
@Component
@Profile("!simulation")
public class RecordingExport {

    /** Approvals the gateway decided itself, which a replay decides again on its own. */
    private static final String GATEWAY_ACTOR = "system:";

    private final JobStore jobs;
    private final LiveOpsStore live;
    private final AuditLog audit;
    private final RecordedRoster roster;
    private final RecordedSettings settings;
    private final Clock clock;

    public RecordingExport(JobStore jobs, LiveOpsStore live, AuditLog audit, RecordedRoster roster,
            RecordedSettings settings, Clock clock) {
        this.jobs = jobs;
        this.live = live;
        this.audit = audit;
        this.roster = roster;
        this.settings = settings;
        this.clock = clock;
    }

    /** The jobs received in {@code [from, to)} and everything that reached them until now. */
    public Recording export(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        Instant now = clock.instant();
        List<Recording.Job> recorded = new ArrayList<>();
        List<Recording.Report> reports = new ArrayList<>();
        List<Recording.Decision> decisions = new ArrayList<>();
        Set<String> customers = new LinkedHashSet<>();
        for (JobStore.StoredJob stored : jobs.receivedBetween(from, to)) {
            Job job = stored.job();
            List<Approval> approvals = jobs.approvalsForJob(job.id());
            recorded.add(new Recording.Job(job.receivedAt(), intake(job),
                    outcome(stored, approvals, audit.forJob(job.id()))));
            customers.add(job.customerId());
            for (LiveOpsStore.RecordedEvent event : live.events(job.id())) {
                reports.add(new Recording.Report(event.recordedAt(), job.source(), job.externalId(),
                        event.recordedBy(), event.event()));
            }
            for (Approval approval : approvals) {
                if (approval.status() != ApprovalStatus.PENDING && approval.decidedBy() != null
                        && !approval.decidedBy().startsWith(GATEWAY_ACTOR)) {
                    decisions.add(new Recording.Decision(approval.decidedAt(), job.source(), job.externalId(),
                            approval.status().name(), approval.technicianId(), approval.comment(),
                            approval.decidedBy()));
                }
            }
        }
        reports.sort(Comparator.comparing(Recording.Report::at));
        decisions.sort(Comparator.comparing(Recording.Decision::at));
        // A field event moves its technician again when it is played: only the other positions are kept.
        Set<String> played = new java.util.HashSet<>();
        reports.forEach(r -> played.add(r.event().technicianId() + "@" + r.event().at()));
        List<TechnicianFixLog.Fix> during = roster.fixes(from, now);
        List<TechnicianFixLog.Fix> fixes = during.stream()
                .filter(fix -> !played.contains(fix.technicianId() + "@" + fix.at())).toList();
        return new Recording(Recording.VERSION, from, to, now, settings.zone(), settings.deciding(),
                roster.at(from, during, customers), recorded, reports, decisions, fixes);
    }

    private static JobIntake intake(Job job) {
        JobIntake.Type type = job.workType() == null ? null : new JobIntake.Type(job.workType().name(),
                job.workType().skills(), job.workType().duration(), job.workType().priority());
        JobIntake.Window window = job.arrivalWindow() == null ? null
                : new JobIntake.Window(job.arrivalWindow().start(), job.arrivalWindow().end());
        return new JobIntake(job.externalId(), job.tenant(), job.source(), job.customerId(), job.summary(),
                job.description(), job.location(), job.territory(), job.reportedPriority(),
                job.requiredParts().isEmpty() ? null : job.requiredParts(), job.safetyImpactReported(), window,
                job.notBefore(), job.partQuantities().isEmpty() ? null : job.partQuantities(),
                job.committedTechnicianId(), type);
    }

    /** What the gateway decided for the job, from its record, its approvals and its audit trail. */
    static Recording.Outcome outcome(JobStore.StoredJob stored, List<Approval> approvals, List<AuditEntry> trail) {
        String recommended = stored.recommendation() == null || stored.recommendation().options().isEmpty() ? null
                : stored.recommendation().options().get(0).technicianId();
        return new Recording.Outcome(recommended, !approvals.isEmpty(), technicians(trail), stored.status().name());
    }

    /** Each technician the job was given to, in order: its assignment, then each reassignment. */
    static List<String> technicians(List<AuditEntry> trail) {
        List<String> given = new ArrayList<>();
        for (AuditEntry entry : trail) {
            String detail = entry.detail() == null ? "" : entry.detail();
            if (entry.is(AuditAction.ASSIGNED)) {
                given.add(detail.split(" ", 2)[0]); // "T-007 (AUTOMATIC), fallback ..."
            } else if (entry.is(AuditAction.REASSIGNED) && detail.contains(" to ")) {
                given.add(detail.substring(detail.indexOf(" to ") + 4).split("[ ;]", 2)[0]); // "from T-1 to T-2; ..."
            }
        }
        return List.copyOf(given);
    }
}
