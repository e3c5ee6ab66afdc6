package io.dispatchgateway.mappings.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope that moves a job from one stage of the flow to the next. It carries the job's id, not its
 * data: every stage reads the current state from the gateway's store, so a redelivered or replayed event
 * acts on the truth, and the envelope is the same on in-memory queues and on Kafka topics.
 *
 * @param eventId unique per event, for de-duplication downstream
 * @param jobId the gateway's job id
 * @param type the stage the job has just completed
 * @param actor who or what caused it ({@code user:alice}, {@code rule:approval-policy})
 */
public record JobEvent(String eventId, String jobId, JobEventType type, Instant occurredAt, String actor) {

    public static JobEvent of(String jobId, JobEventType type, String actor, Instant at) {
        return new JobEvent(UUID.randomUUID().toString(), jobId, type, at, actor);
    }
}
