package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.gateway.classify.AssistedClassification;
import io.dispatchgateway.gateway.classify.IncidentSummaries;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.mappings.event.JobEventType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Route {@code job-classify}: the category, priority, skill, duration and SLA of a received job, by the rules and,
 * where they are in doubt and a language model serves the tenant, its validated proposal.
 */
@Component
public class ClassifyStage {

    private final StageJobs stage;
    private final JobStore jobs;
    private final AssistedClassification classifier;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final IncidentSummaries summaries;

    public ClassifyStage(StageJobs stage, JobStore jobs, AssistedClassification classifier, AuditLog audit,
            TransactionTemplate tx, IncidentSummaries summaries) {
        this.summaries = summaries;
        this.stage = stage;
        this.jobs = jobs;
        this.classifier = classifier;
        this.audit = audit;
        this.tx = tx;
    }

    /** @return the classified event, or null when the job was classified before */
    public JobEvent classify(JobEvent event) {
        StageJobs.Incoming in = stage.read(event);
        if (in.stored().status() != JobStatus.RECEIVED) {
            return stage.skip(in.event(), in.stored());
        }
        AssistedClassification.Decision decision = classifier.decide(in.stored().job(), stage.customer(in.stored()));
        Classification classification = decision.classification();
        String actor = decision.actor();
        var summary = summaries.ask(in.stored().job(), classification);
        Boolean moved = tx.execute(status -> {
            if (!jobs.classified(in.jobId(), classification)) {
                return false;
            }
            classifier.record(in.jobId(), decision);
            summaries.record(in.jobId(), summary);
            audit.record(in.jobId(), actor, AuditAction.CLASSIFIED, classification.category() + ", "
                    + classification.priority() + ", skill " + classification.requiredSkill() + " >= "
                    + classification.minimumSkillLevel() + (classification.safetyImpact() ? ", safety impact" : "")
                    + ", SLA deadline " + classification.slaDeadline());
            return true;
        });
        return Boolean.TRUE.equals(moved) ? stage.next(in.jobId(), JobEventType.CLASSIFIED, actor) : null;
    }
}
