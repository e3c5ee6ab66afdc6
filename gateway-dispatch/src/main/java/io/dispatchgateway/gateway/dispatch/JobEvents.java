package io.dispatchgateway.gateway.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.mappings.event.JobEventType;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Writes and reads the JSON envelope that travels between stages, the same on seda and Kafka. */
@Component
public class JobEvents {

    private final ObjectMapper mapper;
    private final Clock clock;

    public JobEvents(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The header the Kafka endpoints key a message by: each job's events stay in order on one partition. */
    public static final String KEY = "kafka.KEY";

    /** Sends the job's next event ({@code type}, by {@code actor}) to {@code endpoint} without waiting. */
    public void send(org.apache.camel.ProducerTemplate producer, String endpoint, String jobId, JobEventType type,
            String actor) {
        producer.sendBodyAndHeader(endpoint, org.apache.camel.ExchangePattern.InOnly, next(jobId, type, actor), KEY,
                jobId);
    }

    public String next(String jobId, JobEventType type, String actor) {
        try {
            return mapper.writeValueAsString(JobEvent.of(jobId, type, actor, clock.instant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job event", e);
        }
    }

    /** A message that is no job event: redelivering it cannot help. */
    public static class UnreadableEventException extends IllegalArgumentException {
        public UnreadableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public JobEvent read(String body) {
        try {
            return mapper.readValue(body, JobEvent.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not a job event: " + e.getOriginalMessage(), e);
        }
    }
}
