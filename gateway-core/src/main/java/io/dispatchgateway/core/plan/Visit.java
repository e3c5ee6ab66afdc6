package io.dispatchgateway.core.plan;

import io.dispatchgateway.core.model.ArrivalWindow;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One job in a technician's plan, as the plan needs it: where, how long, by when, the appointment window, the
 * parts it takes from the truck, and how far it has gone in the field.
 *
 * @param startedAt when the technician set off (EN_ROUTE) or arrived (ON_SITE); null before
 * @param reportedEta the arrival the technician or a rule announced (a delay, a pickup, a pause); the plan
 *        never puts the arrival before it
 */
public record Visit(String jobId, State state, GeoPoint site, Duration work, Instant slaDeadline,
        ArrivalWindow window, Instant notBefore, Map<String, Integer> parts, Priority priority, Instant startedAt,
        Instant reportedEta) {

    /** How far a planned job has gone. */
    public enum State {
        /** Reserved by a proposal waiting for a dispatcher's decision. */
        PROPOSED,
        ASSIGNED,
        /** Waiting for a part or another condition; {@code reportedEta} says when it can go on. */
        PAUSED,
        EN_ROUTE,
        ON_SITE;

        /** Whether the plan may still move it (it has not started in the field). */
        public boolean movable() {
            return this != EN_ROUTE && this != ON_SITE;
        }
    }

    public Visit {
        parts = parts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parts));
        work = work == null ? Duration.ZERO : work;
    }

    /** A job not yet in any plan, as the ranking would insert it. */
    public static Visit proposed(Job job, Classification classification) {
        return new Visit(job.id(), State.PROPOSED, job.location().point(), classification.estimatedDuration(),
                classification.slaDeadline(), job.arrivalWindow(), job.notBefore(), job.partsNeeded(),
                classification.priority(), null, null);
    }

    /** The same visit in another state. */
    public Visit withState(State newState) {
        return new Visit(jobId, newState, site, work, slaDeadline, window, notBefore, parts, priority, startedAt,
                reportedEta);
    }
}
