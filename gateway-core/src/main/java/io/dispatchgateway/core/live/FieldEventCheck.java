package io.dispatchgateway.core.live;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.core.model.FieldEventType;
import io.dispatchgateway.core.model.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of field events: which fields each type needs, and which job statuses it may come from and leads
 * to. EN_ROUTE and ARRIVED move the job on; COMPLETED needs the job on site; DELAYED and PART_MISSING keep the
 * status (the exception rules may change it); CANCELLED ends any job that is not finished.
 */
public final class FieldEventCheck {

    /** How far in the future a reported time may be (clocks on phones drift). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Set<JobStatus> NOT_STARTED = EnumSet.of(JobStatus.ASSIGNED, JobStatus.PAUSED);
    private static final Map<FieldEventType, Set<JobStatus>> FROM = Map.of(
            FieldEventType.EN_ROUTE, NOT_STARTED,
            FieldEventType.ARRIVED, EnumSet.of(JobStatus.ASSIGNED, JobStatus.EN_ROUTE, JobStatus.PAUSED),
            FieldEventType.COMPLETED, EnumSet.of(JobStatus.ON_SITE),
            FieldEventType.DELAYED, EnumSet.of(JobStatus.ASSIGNED, JobStatus.EN_ROUTE, JobStatus.PAUSED),
            FieldEventType.PART_MISSING, EnumSet.of(JobStatus.ASSIGNED, JobStatus.EN_ROUTE, JobStatus.ON_SITE),
            FieldEventType.CANCELLED, EnumSet.of(JobStatus.RECEIVED, JobStatus.CLASSIFIED, JobStatus.RANKED,
                    JobStatus.PENDING_APPROVAL, JobStatus.ESCALATED, JobStatus.ASSIGNED, JobStatus.EN_ROUTE,
                    JobStatus.ON_SITE, JobStatus.PAUSED));

    private FieldEventCheck() {}

    /** @return every missing or wrong field of the event; empty when it is complete */
    public static List<FieldProblem> problems(FieldEvent event, Instant now) {
        return problems(event, now, true);
    }

    /**
     * @param firstTimeFixKnown whether COMPLETED must say if it was a first-time fix (a person or app knows; some
     *     field-service systems do not report it)
     */
    public static List<FieldProblem> problems(FieldEvent event, Instant now, boolean firstTimeFixKnown) {
        List<FieldProblem> problems = new ArrayList<>();
        if (event.type() == null) {
            return problems; // reported by the bean validation as "must not be null"
        }
        Instant at = event.at() == null ? now : event.at();
        if (event.at() != null && event.at().isAfter(now.plus(CLOCK_SKEW))) {
            problems.add(new FieldProblem("at", "must not be in the future (it is " + event.at() + ", now is " + now
                    + ")"));
        }
        switch (event.type()) {
            case DELAYED -> {
                if (event.newEta() == null) {
                    problems.add(new FieldProblem("newEta", "is required for DELAYED: when do you expect to arrive?"));
                } else if (!event.newEta().isAfter(at)) {
                    problems.add(new FieldProblem("newEta", "must be after the time of the report (" + at + ")"));
                }
            }
            case COMPLETED -> {
                if (event.firstTimeFix() == null && firstTimeFixKnown) {
                    problems.add(new FieldProblem("firstTimeFix",
                            "is required for COMPLETED: true if fixed on this visit, false if another is needed"));
                }
            }
            case PART_MISSING -> {
                if (event.parts().isEmpty()) {
                    problems.add(new FieldProblem("parts", "is required for PART_MISSING: list the missing part numbers"));
                }
            }
            default -> { }
        }
        if (event.type() != FieldEventType.DELAYED && event.newEta() != null) {
            problems.add(new FieldProblem("newEta", "is only for DELAYED"));
        }
        if (event.type() != FieldEventType.COMPLETED && event.firstTimeFix() != null) {
            problems.add(new FieldProblem("firstTimeFix", "is only for COMPLETED"));
        }
        if (event.type() != FieldEventType.PART_MISSING && !event.parts().isEmpty()) {
            problems.add(new FieldProblem("parts", "is only for PART_MISSING"));
        }
        return problems;
    }

    /** @return why the event cannot happen to a job in {@code status}, or null when it can */
    public static String refusal(JobStatus status, FieldEventType type) {
        Set<JobStatus> from = FROM.get(type);
        return from.contains(status) ? null
                : type + " cannot be reported for a job that is " + status + " (it can when the job is " + from + ")";
    }

    /** The job's status after the event (DELAYED and PART_MISSING keep it; the exception rules decide). */
    public static JobStatus next(JobStatus status, FieldEventType type) {
        return switch (type) {
            case EN_ROUTE -> JobStatus.EN_ROUTE;
            case ARRIVED -> JobStatus.ON_SITE;
            case COMPLETED -> JobStatus.COMPLETED;
            case CANCELLED -> JobStatus.CANCELLED;
            case DELAYED, PART_MISSING -> status;
        };
    }
}
