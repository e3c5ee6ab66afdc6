package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.ApprovalDesk;
import io.dispatchgateway.gateway.live.LiveOperations;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.TechnicianFixLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What came from outside the gateway in a recorded period, played again at its times: the technicians' field
 * events, people's approval decisions, the technicians' positions. A recorded event is played while the job is
 * with the technician it was recorded for; a job the replay gave someone else is worked by the simulated field
 * instead (and its approval decided by the simulated office), so the same period replays under other weights.
 * At the end the replay's decisions are compared with the recorded ones, job by job.
 */
public class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private final JobStore jobs;
    private final LiveOperations live;
    private final ApprovalDesk desk;
    private final TechnicianDirectory technicians;
    private final ObjectMapper json;
    private final AuditLog audit;

    private Recording recording;
    /** Per recorded job (source and external id): the technicians its recorded work belongs to. */
    private final Map<String, Set<String>> recordedWith = new HashMap<>();
    /** Recorded jobs whose approvals people decided, or that were still waiting at the export. */
    private final Set<String> recordedApprovals = new HashSet<>();
    private final Map<String, String> keyOfJob = new HashMap<>();
    private int played;
    private int notPlayed;

    public Replay(JobStore jobs, LiveOperations live, ApprovalDesk desk, TechnicianDirectory technicians,
            ObjectMapper json, AuditLog audit) {
        this.audit = audit;
        this.jobs = jobs;
        this.live = live;
        this.desk = desk;
        this.technicians = technicians;
        this.json = json;
    }

    /** Puts the recording's outside events on the agenda. */
    void start(Recording played, Agenda agenda) {
        this.recording = played;
        for (Recording.Job job : played.jobs()) {
            String key = key(job.intake().source(), job.intake().externalId());
            Set<String> with = recordedWith.computeIfAbsent(key, k -> new HashSet<>());
            with.addAll(job.outcome().technicians());
            if (job.outcome().approval()) {
                recordedApprovals.add(key);
            }
        }
        for (Recording.Report report : played.fieldEvents()) {
            if (report.event().technicianId() != null) {
                recordedWith.computeIfAbsent(key(report.source(), report.externalId()), k -> new HashSet<>())
                        .add(report.event().technicianId());
            }
            agenda.at(report.at(), () -> report(report));
        }
        for (Recording.Decision decision : played.approvals()) {
            agenda.at(decision.at(), () -> decide(decision));
        }
        for (TechnicianFixLog.Fix fix : played.fixes()) {
            agenda.at(fix.at(), () -> move(fix));
        }
    }

    /** Whether the recording works this job with this technician (then the simulated field leaves it alone). */
    boolean works(String jobId, String technicianId) {
        return recordedWith.getOrDefault(keyOf(jobId), Set.of()).contains(technicianId);
    }

    /** Whether the recording decides this job's approvals (then the simulated office leaves them alone). */
    boolean decides(String jobId) {
        return recordedApprovals.contains(keyOf(jobId));
    }

    private String keyOf(String jobId) {
        return keyOfJob.computeIfAbsent(jobId, id -> jobs.find(id)
                .map(stored -> key(stored.job().source(), stored.job().externalId())).orElse(""));
    }

    /** How the replay's decisions compare with the recorded ones. */
    Comparison compare() {
        int same = 0;
        Map<String, String> differences = new LinkedHashMap<>();
        for (Recording.Job job : recording.jobs()) {
            Recording.Outcome replayed = jobs.findId(job.intake().source(), job.intake().externalId())
                    .flatMap(jobs::find)
                    .map(stored -> RecordingExport.outcome(stored, jobs.approvalsForJob(stored.job().id()),
                            audit.forJob(stored.job().id())))
                    .orElse(null);
            if (Objects.equals(job.outcome(), replayed)) {
                same++;
            } else {
                differences.put(job.intake().externalId(), "recorded " + job.outcome() + ", replayed " + replayed);
            }
        }
        return new Comparison(recording.jobs().size(), same, differences, played, notPlayed);
    }

    /**
     * @param differences per job whose decisions differ: what was recorded and what the replay decided
     * @param played recorded events played; {@code notPlayed}: left out because the job went another way
     */
    public record Comparison(int jobs, int same, Map<String, String> differences, int played, int notPlayed) {

        public double share() {
            return jobs == 0 ? 1 : same / (double) jobs;
        }
    }

    private void report(Recording.Report report) {
        Optional<JobStore.StoredJob> stored = jobs.findId(report.source(), report.externalId()).flatMap(jobs::find);
        String technician = report.event().technicianId();
        String assigned = stored.map(JobStore.StoredJob::assignment).map(a -> a.technicianId()).orElse(null);
        if (stored.isEmpty() || technician != null && !technician.equals(assigned)) {
            notPlayed++;
            return;
        }
        try {
            live.report(stored.get().job().id(), json.writeValueAsString(report.event()), report.actor());
            played++;
        } catch (JsonProcessingException | RuntimeException e) {
            notPlayed++;
            LOG.debug("recorded {} for {} not played: {}", report.event().type(), report.externalId(),
                    e.getMessage());
        }
    }

    private void decide(Recording.Decision decision) {
        Optional<Approval> pending = jobs.findId(decision.source(), decision.externalId())
                .flatMap(jobs::latestApprovalForJob).filter(a -> a.status() == ApprovalStatus.PENDING);
        if (pending.isEmpty()) {
            notPlayed++;
            return;
        }
        try {
            desk.decide(pending.get().id(), ApprovalStatus.APPROVED.name().equals(decision.decision())
                    ? ApprovalDesk.Decision.APPROVE : ApprovalDesk.Decision.REJECT, decision.technicianId(),
                    decision.comment(), decision.by(), true);
            played++;
        } catch (RuntimeException e) {
            notPlayed++;
            // The replay's approval differs from the recorded one (another technician, say): the simulated
            // office decides it.
            recordedApprovals.remove(key(decision.source(), decision.externalId()));
            LOG.debug("recorded decision on {} not played: {}", decision.externalId(), e.getMessage());
        }
    }

    private void move(TechnicianFixLog.Fix fix) {
        try {
            technicians.updateLocation(fix.technicianId(), new GeoPoint(fix.lat(), fix.lon()), fix.at());
            played++;
        } catch (RuntimeException e) {
            notPlayed++;
        }
    }

    private static String key(String source, String externalId) {
        return source + "/" + externalId;
    }
}
