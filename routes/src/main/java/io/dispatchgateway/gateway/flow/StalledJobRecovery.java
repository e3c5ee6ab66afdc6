package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.gateway.dispatch.JobEvents;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.mappings.event.JobEventType;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a job's last event again when the job has sat between two stages for longer than
 * {@code gateway.recovery.stalled-after}: a process that stopped with events still in an in-memory queue
 * loses no job. Stages are idempotent, so a job that was merely slow is not processed twice.
 */
@Component
public class StalledJobRecovery {

    private static final int BATCH = 100;

    private final JobStore jobs;
    private final JobEvents events;
    private final AuditLog audit;
    private final ProducerTemplate producer;
    private final GatewayProperties properties;
    private final Clock clock;

    public StalledJobRecovery(JobStore jobs, JobEvents events, AuditLog audit, ProducerTemplate producer,
            GatewayProperties properties, Clock clock) {
        this.jobs = jobs;
        this.events = events;
        this.audit = audit;
        this.producer = producer;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many events were sent again */
    public int resendStalled() {
        Instant before = clock.instant().minus(properties.recovery().stalledAfter());
        GatewayProperties.Endpoints endpoints = properties.endpoints();
        int resent = resend(JobStatus.RECEIVED, before, endpoints.jobs(), JobEventType.ACCEPTED);
        resent += resend(JobStatus.CLASSIFIED, before, endpoints.classified(), JobEventType.CLASSIFIED);
        resent += resend(JobStatus.RANKED, before, endpoints.ranked(), JobEventType.RANKED);
        for (JobStatus waiting : new JobStatus[] {JobStatus.PENDING_APPROVAL, JobStatus.ESCALATED}) {
            for (String jobId : jobs.stalled(waiting, before, BATCH)) {
                boolean approved = jobs.latestApprovalForJob(jobId)
                        .filter(a -> a.status() == ApprovalStatus.APPROVED).isPresent();
                if (approved) {
                    send(jobId, endpoints.assignments(), JobEventType.ASSIGNMENT_APPROVED);
                    resent++;
                }
            }
        }
        return resent;
    }

    private int resend(JobStatus status, Instant before, String endpoint, JobEventType type) {
        int count = 0;
        for (String jobId : jobs.stalled(status, before, BATCH)) {
            send(jobId, endpoint, type);
            count++;
        }
        return count;
    }

    private void send(String jobId, String endpoint, JobEventType type) {
        audit.record(jobId, "rule:recovery", AuditAction.EVENT_RESENT, type + " sent again to " + endpoint);
        events.send(producer, endpoint, jobId, type, "rule:recovery");
    }
}
