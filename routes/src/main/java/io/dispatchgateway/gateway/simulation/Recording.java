package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.core.intake.JobIntake;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.gateway.config.RosterLoader;
import io.dispatchgateway.gateway.persistence.TechnicianFixLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A period of the gateway's own history, as {@link RecordingExport} writes it and a replay reads it: the
 * settings that decide, the roster at the period's start (each technician where their last fix before it put
 * them), every job received in the period as intake took it, and what came to those jobs from outside the
 * gateway until the export (field events, people's approval decisions, technicians' positions). Each job also
 * keeps what the gateway decided for it, which a replay is compared with.
 *
 * @param settings the gateway settings that shape decisions ({@code gateway.ranking.*}, {@code planning},
 *     {@code approval}, {@code classification}, {@code operations}, the intake's source lists), as properties
 */
public record Recording(int version, Instant from, Instant to, Instant exportedAt, String zone,
        Map<String, String> settings, RosterLoader.Roster roster, List<Job> jobs, List<Report> fieldEvents,
        List<Decision> approvals, List<TechnicianFixLog.Fix> fixes) {

    public static final int VERSION = 1;

    public Recording {
        settings = Map.copyOf(settings);
        jobs = List.copyOf(jobs);
        fieldEvents = List.copyOf(fieldEvents);
        approvals = List.copyOf(approvals);
        fixes = List.copyOf(fixes);
    }

    /** A job as it came in ({@code intake} names its source) and what the gateway decided for it. */
    public record Job(Instant receivedAt, JobIntake intake, Outcome outcome) {}

    /**
     * What the gateway decided for a job, as seen at the export: the technician its ranking put first, whether
     * it waited for a person, each technician it was given to in order (the last has it), and its status.
     */
    public record Outcome(String recommended, boolean approval, List<String> technicians, String status) {

        public Outcome {
            technicians = technicians == null ? List.of() : List.copyOf(technicians);
        }
    }

    /** A field event as reported ({@code actor}: the technician, a dispatcher or the source system). */
    public record Report(Instant at, String source, String externalId, String actor, FieldEvent event) {}

    /** A person's decision on a job's approval ({@code decision}: APPROVED or REJECTED). */
    public record Decision(Instant at, String source, String externalId, String decision, String technicianId,
            String comment, String by) {}
}
