package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.dispatch.JobEvents;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.tenancy.JobLogContext;
import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.mappings.event.JobEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every stage does first and last: takes the incoming event (unmarshalled by the route) and the job's current state (the logs name
 * the job and its tenant from here on), finds the job's customer, and writes the next event.
 */
@Component
public class StageJobs {

    private static final Logger LOG = LoggerFactory.getLogger(StageJobs.class);

    private final JobEvents events;
    private final JobStore jobs;
    private final CustomerDirectory customers;

    public StageJobs(JobEvents events, JobStore jobs, CustomerDirectory customers) {
        this.events = events;
        this.jobs = jobs;
        this.customers = customers;
    }

    /** An event and the job it is about, as stored now. */
    public record Incoming(JobEvent event, StoredJob stored) {
        public String jobId() {
            return event.jobId();
        }
    }

    public Incoming read(JobEvent event) {
        return new Incoming(event, job(event.jobId()));
    }

    /** The job as stored now (read again when a stage retries). */
    public StoredJob job(String id) {
        StoredJob stored = jobs.find(id).orElseThrow(() -> new IllegalStateException("job " + id
                + " is not in the store"));
        JobLogContext.enter(stored.job().tenant(), id);
        return stored;
    }

    public Customer customer(StoredJob stored) {
        return customers.find(stored.job().customerId()).orElseThrow(() -> new IllegalStateException(
                "customer " + stored.job().customerId() + " of job " + stored.job().id() + " is no longer known"));
    }

    public JobEvent next(String jobId, JobEventType type, String actor) {
        return events.event(jobId, type, actor);
    }

    /** The event is a redelivery of a finished stage, or for a job that moved on: the flow stops here. */
    public JobEvent skip(JobEvent event, StoredJob stored) {
        LOG.debug("event {} for job {} ignored: job is {}", event.type(), event.jobId(), stored.status());
        return null;
    }
}
