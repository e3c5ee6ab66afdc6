package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.core.model.FieldEventType;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.intake.PayloadRejectedException;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Field events and the exception rules they set off. An event is checked like an intake payload (a bad one is
 * refused field by field and quarantined, {@link FieldEventIntake}), must fit the job's status (else 409), moves
 * the job, and is kept with the audit and a KPI fact ({@link FieldEventRecords}). DELAYED re-runs the SLA watch
 * at once; PART_MISSING runs the missing-part rule ({@link MissingPartRule}).
 */
@Service
public class LiveOperations {

    private static final Logger LOG = LoggerFactory.getLogger(LiveOperations.class);

    /** A field event that does not fit the job's status. */
    public static class WrongStateException extends RuntimeException {
        public WrongStateException(String message) {
            super(message);
        }
    }

    private final JobStore jobs;
    private final LiveOpsStore store;
    private final FieldEventIntake intake;
    private final FieldEventRecords records;
    private final SlaMonitor monitor;
    private final MissingPartRule missingParts;
    private final ExceptionTrail trail;
    private final EscalationSender escalations;

    public LiveOperations(JobStore jobs, LiveOpsStore store, FieldEventIntake intake, FieldEventRecords records,
            SlaMonitor monitor, MissingPartRule missingParts, ExceptionTrail trail, EscalationSender escalations) {
        this.jobs = jobs;
        this.store = store;
        this.intake = intake;
        this.records = records;
        this.monitor = monitor;
        this.missingParts = missingParts;
        this.trail = trail;
        this.escalations = escalations;
    }

    /**
     * Records a field event.
     *
     * @param actor {@code user:<name>}, {@code technician:<id>} or {@code source:<system>}
     * @return the job's live state afterwards
     */
    public LiveOpsStore.Live report(String jobId, String payload, String actor) {
        return report(jobId, payload, actor, true);
    }

    /**
     * A field event a job source saw (a status change in the field-service system). Unknown jobs are skipped;
     * an event the job has already passed (the system reports the status on every change of the job) is
     * ignored; a malformed one is quarantined. Nothing here fails the source's poll.
     */
    public void reportFromSource(String source, String externalId, String payload) {
        String jobId = jobs.findId(source, externalId).orElse(null);
        if (jobId == null) {
            return;
        }
        FieldEventType type = intake.typeOf(payload);
        if (type != null && store.lastEventType(jobId, "source:" + source).filter(type.name()::equals).isPresent()) {
            return; // the source repeats a job's status on every change of the job: only a new status counts
        }
        try {
            report(jobId, payload, "source:" + source, false);
        } catch (WrongStateException passed) {
            LOG.debug("{} event for job {} not applied: {}", source, jobId, passed.getMessage());
        } catch (PayloadRejectedException rejected) {
            LOG.warn("{} field event for job {} refused and quarantined: {}", source, jobId, rejected.problems());
        }
    }

    private LiveOpsStore.Live report(String jobId, String payload, String actor, boolean firstTimeFixKnown) {
        JobStore.StoredJob stored = jobs.find(jobId)
                .orElseThrow(() -> new NoSuchElementException("no job with id '" + jobId + "'"));
        io.dispatchgateway.gateway.tenancy.JobLogContext.enter(stored.job().tenant(), jobId);
        FieldEvent event = intake.read(stored, payload, actor, firstTimeFixKnown);
        records.apply(stored, event, actor);
        // The event is recorded; a rule that fails now is audited and left to the SLA monitor and to people,
        // rather than failing the report (whose retry would record the event twice).
        try {
            switch (event.type()) {
                case DELAYED -> monitor.evaluate(jobId);
                case PART_MISSING -> missingParts.apply(jobId, event.parts());
                default -> { }
            }
        } catch (RuntimeException e) {
            LOG.warn("The rule after {} on job {} failed: {}", event.type(), jobId, e.toString());
            trail.note(jobId, "system:live-operations", AuditAction.RULE_FAILED,
                    event.type() + ": " + e.getMessage());
            escalations.send(jobId, "rule-failed", "The " + event.type() + " reported for job " + jobId
                    + " was recorded, but its rule failed (" + e.getMessage() + "); please decide by hand.");
        }
        return store.live(jobId).orElseThrow();
    }
}
