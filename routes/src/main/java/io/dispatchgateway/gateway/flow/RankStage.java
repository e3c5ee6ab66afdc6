package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.dispatch.Rankings;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.mappings.event.JobEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Route {@code job-rank}: ranks the job on the current plans and reserves the best option's place in its
 * technician's plan, in one transaction that re-checks the plan; when another decision changed that plan
 * meanwhile, ranks again.
 */
@Component
public class RankStage {

    private static final Logger LOG = LoggerFactory.getLogger(RankStage.class);
    private static final int MAX_RANKING_ATTEMPTS = 5;

    private final StageJobs stage;
    private final JobStore jobs;
    private final Rankings rankings;
    private final PlanBook plans;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public RankStage(StageJobs stage, JobStore jobs, Rankings rankings, PlanBook plans, AuditLog audit,
            TransactionTemplate tx) {
        this.stage = stage;
        this.jobs = jobs;
        this.rankings = rankings;
        this.plans = plans;
        this.audit = audit;
        this.tx = tx;
    }

    /** @return the ranked event, or null when the job was ranked before */
    public JobEvent rank(JobEvent event) {
        for (int attempt = 0; attempt < MAX_RANKING_ATTEMPTS; attempt++) {
            StoredJob stored = stage.job(event.jobId());
            if (stored.status() != JobStatus.CLASSIFIED) {
                return stage.skip(event, stored);
            }
            Rankings.Ranked ranked = rankings.rank(stored, stage.customer(stored));
            Recommendation recommendation = ranked.recommendation();
            String actor = "rule:ranking/" + ranked.policy().name();
            Integer moved = tx.execute(status -> {
                if (!jobs.ranked(event.jobId(), recommendation, ranked.input())) {
                    return 0;
                }
                if (ranked.slot().isPresent() && !plans.reserve(event.jobId(), ranked.slot().get())) {
                    status.setRollbackOnly();
                    return -1;
                }
                audit.record(event.jobId(), actor, AuditAction.RANKED, "policy " + ranked.policy().name() + ": "
                        + recommendation.eligible() + " eligible, " + recommendation.excluded().size() + " excluded"
                        + recommendation.best().map(b -> "; best " + b.technicianId() + " (score " + b.score() + ")"
                                + (b.placement() == null ? "" : ", " + b.placement().summary())).orElse(""));
                return 1;
            });
            if (moved != null && moved == 1) {
                return stage.next(event.jobId(), JobEventType.RANKED, actor);
            }
            if (moved == null || moved == 0) {
                return null;
            }
            LOG.debug("plan of {} changed while job {} was ranked; ranking again",
                    ranked.slot().get().technicianId(), event.jobId());
        }
        throw new IllegalStateException("job " + event.jobId() + ": the plans kept changing during "
                + MAX_RANKING_ATTEMPTS + " rankings; it is ranked again on redelivery");
    }
}
