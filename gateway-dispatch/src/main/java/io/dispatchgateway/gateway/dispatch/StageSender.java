package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.mappings.event.JobEventType;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a job back into the flow from outside it (a person's approval, a timeout, a bump), on the endpoint of
 * the stage that takes it next, keyed by the job as every stage message is.
 */
@Component
public class StageSender {

    private final JobEvents events;
    private final ProducerTemplate producer;
    private final GatewayProperties.Endpoints endpoints;

    public StageSender(JobEvents events, ProducerTemplate producer, GatewayProperties properties) {
        this.events = events;
        this.producer = producer;
        this.endpoints = properties.endpoints();
    }

    /** To {@code job-rank}: the job is classified and waits to be ranked (again). */
    public void toRanking(String jobId, String actor) {
        events.send(producer, endpoints.classified(), jobId, JobEventType.CLASSIFIED, actor);
    }

    /** To {@code job-assign}, after the job's approval was decided. */
    public void toAssignment(String jobId, String actor) {
        events.send(producer, endpoints.assignments(), jobId, JobEventType.ASSIGNMENT_APPROVED, actor);
    }
}
