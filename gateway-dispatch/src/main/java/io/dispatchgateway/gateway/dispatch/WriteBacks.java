package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.port.AssignmentSink;
import io.dispatchgateway.core.port.PackDelivery;
import io.dispatchgateway.core.port.WriteBackRejectedException;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.WriteBackQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers queued write-backs: the assignment to the assignment sink (a field-service system) and the pack to
 * the technician. Done is marked done; a permanent refusal is marked rejected and written to the job's audit
 * with the other system's words; an outage leaves the entry pending for a later attempt with back-off.
 */
@Component
public class WriteBacks {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBacks.class);
    private static final int BATCH = 20;

    private final WriteBackQueue queue;
    private final JobStore jobs;
    private final AuditLog audit;
    private final AssignmentSink sink;
    private final PackDelivery packs;

    public WriteBacks(WriteBackQueue queue, JobStore jobs, AuditLog audit, AssignmentSink sink, PackDelivery packs) {
        this.queue = queue;
        this.jobs = jobs;
        this.audit = audit;
        this.sink = sink;
        this.packs = packs;
    }

    /** Right after an assignment: try its write-back at once. */
    public void deliverNow(String jobId) {
        queue.pendingFor(jobId).forEach(this::deliver);
    }

    /** From the retry route: every pending write-back whose next attempt is due. @return how many were tried */
    public int deliverDue() {
        var due = queue.due(BATCH);
        due.forEach(this::deliver);
        return due.size();
    }

    private void deliver(WriteBackQueue.Entry entry) {
        if (!queue.claim(entry)) {
            return;
        }
        JobStore.StoredJob job = jobs.find(entry.jobId()).orElse(null);
        if (job == null || job.assignment() == null) {
            queue.rejected(entry.id(), "the job has no assignment to write back");
            return;
        }
        try {
            sink.assigned(job.job(), job.assignment(), job.pack());
            packs.deliver(job.pack());
            queue.done(entry.id());
            if (entry.attempts() > 0) {
                audit.record(entry.jobId(), "system:write-back", AuditAction.WRITTEN_BACK,
                        "after " + (entry.attempts() + 1)
                        + " attempts");
            }
        } catch (WriteBackRejectedException e) {
            queue.rejected(entry.id(), e.getMessage());
            audit.record(entry.jobId(), "system:write-back", AuditAction.WRITE_BACK_REJECTED, e.getMessage());
        } catch (RuntimeException e) {
            queue.failed(entry, e.getMessage());
            LOG.warn("write-back of job {} failed (attempt {}), will retry: {}", entry.jobId(), entry.attempts() + 1,
                    e.getMessage());
            if (entry.attempts() == 0) {
                audit.record(entry.jobId(), "system:write-back", AuditAction.WRITE_BACK_DELAYED, e.getMessage());
            }
        }
    }
}
