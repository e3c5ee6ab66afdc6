package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.SlaWatch.Stage;
import io.dispatchgateway.core.live.SlaWatch;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The SLA monitor: for every job in the field not yet on site, the ETA again (the commitment, or now plus the
 * travel from the technician's last position once the commitment has passed) and the breach probability; each
 * stage of the {@link SlaWatch} that is due fires once per job (the {@code sla_stage} key guards it, also across
 * instances), is audited, and goes through the escalation channel:
 * <ul>
 *   <li>BREACH_RISK: escalation with a reassignment proposal (the SLA-risk rule, from a fresh ranking);</li>
 *   <li>TECHNICIAN_REMINDER: an urgent reminder for the technician;</li>
 *   <li>SUPERVISOR_ESCALATION: the supervisor is told the job has not started;</li>
 *   <li>MISSED_ARRIVAL: the missed-arrival rule: reassign when another technician recovers the SLA, else escalate;</li>
 *   <li>BREACHED: breach handling: escalation, a KPI fact and a customer apology draft.</li>
 * </ul>
 */
@Service
public class SlaMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);
    private static final int BATCH = 500;

    private final JobStore jobs;
    private final LiveOpsStore store;
    private final SlaWatch watch;
    private final TechnicianDirectory technicians;
    private final OfflineTravelTimes travel;
    private final PlanBook plans;
    private final SlaStages stages;
    private final Clock clock;

    public SlaMonitor(JobStore jobs, LiveOpsStore store, SlaWatch watch, TechnicianDirectory technicians,
            OfflineTravelTimes travel, PlanBook plans, SlaStages stages, Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.watch = watch;
        this.technicians = technicians;
        this.travel = travel;
        this.plans = plans;
        this.stages = stages;
        this.clock = clock;
    }

    /** One round over every watched job. @return how many stages fired */
    public int check() {
        int fired = 0;
        String after = "";
        List<String> page;
        Round round = new Round();
        do {
            page = store.watched(after, BATCH);
            for (String jobId : page) {
                try {
                    fired += evaluate(jobId, round);
                } catch (RuntimeException e) {
                    LOG.warn("SLA watch of job {} failed: {}", jobId, e.toString());
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == BATCH);
        return fired;
    }

    /** Looks at one job now. @return how many stages fired */
    public int evaluate(String jobId) {
        return evaluate(jobId, new Round());
    }

    /**
     * What one round has already read: each technician and their plan laid out once for all their jobs, until a
     * stage acts (it may change plans).
     */
    private final class Round {
        private final Map<String, Optional<Technician>> technicianById = new HashMap<>();
        private final Map<String, Optional<TechnicianPlan>> plansById = new HashMap<>();

        Technician technician(String id) {
            return technicianById.computeIfAbsent(id, technicians::find).orElse(null);
        }

        void forget() {
            technicianById.clear();
            plansById.clear();
        }
    }

    private int evaluate(String jobId, Round round) {
        // The light view first: most watched jobs have nothing due, and the full record is only read for a stage.
        JobStore.Watched watched = jobs.watched(jobId).orElse(null);
        LiveOpsStore.Live live = watched == null ? null : store.live(jobId).orElse(null);
        if (watched == null || live == null || !watched.status().isInTheField() || live.arrivedAt() != null
                || watched.classification() == null) {
            return 0;
        }
        Instant now = clock.instant();
        Technician technician = live.technicianId() == null ? null : round.technician(live.technicianId());
        double travelMinutes = technician == null ? 0 : travel.travelTimes(List.of(technician.currentPosition()),
                watched.job().location().point(), now).get(0).minutes();
        // The plan as it stands now says when the technician gets there: after the jobs before it, an overrun
        // included. An arrival the technician announced (a delay) stands as it was said, as in the plan's ETAs.
        PlanBook.Placed placed = plans.placed(jobId, round.plansById).orElse(null);
        Instant expected = placed != null && placed.visit().planned() && placed.visit().visit().reportedEta() == null
                ? placed.visit().arrival() : null;
        boolean heldUp = placed != null && placed.position() > 1;
        SlaWatch.Assessment assessment = watch.assess(new SlaWatch.Watched(watched.classification().slaDeadline(),
                live.eta(), travelMinutes, watched.status() == JobStatus.EN_ROUTE, false,
                watched.status() == JobStatus.PAUSED, expected, heldUp), now);
        int fired = 0;
        JobStore.StoredJob stored = assessment.due().isEmpty() ? null : jobs.find(jobId).orElse(null);
        for (Stage stage : assessment.due()) {
            if (stored != null && store.fire(jobId, stage, assessment.breachProbability())) {
                try {
                    stages.act(stage, stored, technician, assessment, now);
                    fired++;
                } catch (RuntimeException e) {
                    store.unfire(jobId, stage); // the next round tries again
                    LOG.warn("SLA stage {} of job {} failed and will be tried again: {}", stage, jobId, e.toString());
                }
                round.forget();
            }
        }
        return fired;
    }
}
