package io.dispatchgateway.gateway.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.mappings.event.JobEventType;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The envelope that travels between stages, the same on seda and Kafka: written here, and read by the routes with
 * Camel's Jackson data format on the same ObjectMapper.
 */
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

    /** The job's next event, stamped now. */
    public JobEvent event(String jobId, JobEventType type, String actor) {
        return JobEvent.of(jobId, type, actor, clock.instant());
    }

    /** The job's next event as the JSON the stage endpoints carry. */
    public String next(String jobId, JobEventType type, String actor) {
        try {
            return mapper.writeValueAsString(event(jobId, type, actor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job event", e);
        }
    }
}
