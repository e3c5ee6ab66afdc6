package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.live.FieldEventCheck;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.core.model.FieldEventType;
import io.dispatchgateway.gateway.intake.PayloadReader;
import io.dispatchgateway.gateway.intake.PayloadRejectedException;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a field event as intake reads a job: a bad one is refused field by field and quarantined; one that does
 * not fit the job's status is refused (409). What passes comes back with its time and technician filled in.
 */
@Component
public class FieldEventIntake {

    private final PayloadReader reader;
    private final QuarantineStore quarantine;
    private final Clock clock;

    public FieldEventIntake(PayloadReader reader, QuarantineStore quarantine, Clock clock) {
        this.reader = reader;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    /** The event's type, if the payload has one, without checking the rest. */
    public FieldEventType typeOf(String payload) {
        FieldEvent parsed = reader.parse(payload, FieldEvent.class).value();
        return parsed == null ? null : parsed.type();
    }

    /**
     * @param firstTimeFixKnown whether a COMPLETED must say if the fix was first-time (a person or the technician
     *     reports it; a source system's status change cannot)
     * @throws PayloadRejectedException when a field is wrong (the payload is quarantined)
     * @throws LiveOperations.WrongStateException when the event does not fit the job's status
     */
    public FieldEvent read(JobStore.StoredJob stored, String payload, String actor, boolean firstTimeFixKnown) {
        String jobId = stored.job().id();
        Instant now = clock.instant();
        PayloadReader.Parsed<FieldEvent> parsed = reader.parse(payload, FieldEvent.class);
        List<FieldProblem> problems = parsed.withChecks(event -> {
            List<FieldProblem> all = new ArrayList<>(reader.constraints(event));
            all.addAll(FieldEventCheck.problems(event, now, firstTimeFixKnown));
            String assigned = stored.assignment() == null ? null : stored.assignment().technicianId();
            if (event.technicianId() != null && !event.technicianId().equals(assigned)) {
                all.add(new FieldProblem("technicianId", "job " + jobId + " is assigned to "
                        + (assigned == null ? "nobody" : assigned) + ", not to " + event.technicianId()));
            }
            return all;
        });
        if (!problems.isEmpty()) {
            throw new PayloadRejectedException("field-event", problems,
                    quarantine.quarantine(actor, "field-event", problems, payload));
        }
        FieldEvent given = parsed.value();
        String refusal = FieldEventCheck.refusal(stored.status(), given.type());
        if (refusal != null) {
            throw new LiveOperations.WrongStateException(refusal);
        }
        return new FieldEvent(given.type(), given.at() == null ? now : given.at(),
                given.technicianId() != null ? given.technicianId()
                        : stored.assignment() == null ? null : stored.assignment().technicianId(),
                given.newEta(), given.firstTimeFix(), given.parts(), given.reason(), given.location());
    }
}
