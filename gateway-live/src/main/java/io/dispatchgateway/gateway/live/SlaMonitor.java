package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.live.SlaWatch.Stage;
import io.dispatchgateway.core.live.SlaWatch;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.dispatch.Rankings;
import io.dispatchgateway.gateway.dispatch.Reassignment;
import io.dispatchgateway.gateway.live.CustomerUpdateDrafts.Reason;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final CustomerDirectory customers;
    private final OfflineTravelTimes travel;
    private final Rankings ranking;
    private final Reassignment reassignment;
    private final EscalationSender escalations;
    private final CustomerUpdateDrafts drafts;
    private final AuditLog audit;
    private final KpiSink kpis;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PlanBook plans;

    public SlaMonitor(JobStore jobs, LiveOpsStore store, SlaWatch watch, TechnicianDirectory technicians,
            CustomerDirectory customers, OfflineTravelTimes travel, Rankings ranking, Reassignment reassignment,
            EscalationSender escalations, CustomerUpdateDrafts drafts, AuditLog audit, KpiSink kpis,
            TransactionTemplate tx, Clock clock, PlanBook plans) {
        this.plans = plans;
        this.jobs = jobs;
        this.store = store;
        this.watch = watch;
        this.technicians = technicians;
        this.customers = customers;
        this.travel = travel;
        this.ranking = ranking;
        this.reassignment = reassignment;
        this.escalations = escalations;
        this.drafts = drafts;
        this.audit = audit;
        this.kpis = kpis;
        this.tx = tx;
        this.clock = clock;
    }

    /** One round over every watched job. @return how many stages fired */
    public int check() {
        int fired = 0;
        String after = "";
        List<String> page;
        do {
            page = store.watched(after, BATCH);
            for (String jobId : page) {
                try {
                    fired += evaluate(jobId);
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
        JobStore.StoredJob stored = jobs.find(jobId).orElse(null);
        LiveOpsStore.Live live = store.live(jobId).orElse(null);
        if (stored == null || live == null || !stored.status().isInTheField() || live.arrivedAt() != null
                || stored.classification() == null) {
            return 0;
        }
        Instant now = clock.instant();
        Technician technician = technicians.find(live.technicianId()).orElse(null);
        double travelMinutes = technician == null ? 0 : travel.travelTimes(List.of(technician.currentPosition()),
                stored.job().location().point(), now).get(0).minutes();
        // The plan as it stands now says when the technician gets there: after the jobs before it, an overrun
        // included. An arrival the technician announced (a delay) stands as it was said, as in the plan's ETAs.
        PlanBook.Placed placed = plans.placed(jobId).orElse(null);
        Instant expected = placed != null && placed.visit().planned() && placed.visit().visit().reportedEta() == null
                ? placed.visit().arrival() : null;
        boolean heldUp = placed != null && placed.position() > 1;
        SlaWatch.Assessment assessment = watch.assess(new SlaWatch.Watched(stored.classification().slaDeadline(),
                live.eta(), travelMinutes, stored.status() == JobStatus.EN_ROUTE, false,
                stored.status() == JobStatus.PAUSED, expected, heldUp), now);
        int fired = 0;
        for (Stage stage : assessment.due()) {
            if (store.fire(jobId, stage, assessment.breachProbability())) {
                try {
                    act(stage, stored, technician, assessment, now);
                    fired++;
                } catch (RuntimeException e) {
                    store.unfire(jobId, stage); // the next round tries again
                    LOG.warn("SLA stage {} of job {} failed and will be tried again: {}", stage, jobId, e.toString());
                }
            }
        }
        return fired;
    }

    private void act(Stage stage, JobStore.StoredJob stored, Technician technician, SlaWatch.Assessment assessment,
            Instant now) {
        String jobId = stored.job().id();
        Instant deadline = stored.classification().slaDeadline();
        String actor = "rule:sla-monitor";
        String figures = String.format(Locale.ROOT, "expected on site %s, deadline %s, breach probability %.2f",
                assessment.expectedArrival(), deadline, assessment.breachProbability());
        switch (stage) {
            case BREACH_RISK -> {
                Decision decision = ExceptionRules.recover(ExceptionRules.Family.SLA_RISK,
                        technician == null ? null : technician.id(), deadline, options(stored), false);
                record(jobId, decision, figures, actor, AuditAction.SLA_BREACH_RISK, false);
                escalations.send(jobId, "sla-breach-risk",
                        "Job " + jobId + " is at risk of breaching its SLA (" + figures
                        + "). " + capitalize(decision.reason()));
            }
            case TECHNICIAN_REMINDER -> {
                audit.record(jobId, actor, AuditAction.TECHNICIAN_REMINDER, "less than 30 minutes to the deadline and "
                        + (technician == null ? "the technician" : technician.id()) + " is not en route; " + figures);
                escalations.send(jobId, "technician-reminder", "URGENT for " + (technician == null ? "the technician"
                        : technician.name() + (technician.contact() == null || technician.contact().phone() == null
                                ? "" : " (" + technician.contact().phone() + ")"))
                        + ": job " + jobId + " must be reached by " + deadline + "; report EN_ROUTE now or DELAYED"
                        + " with a new ETA.");
            }
            case SUPERVISOR_ESCALATION -> {
                audit.record(jobId, actor, AuditAction.SUPERVISOR_ESCALATION,
                        "less than an hour to the deadline and the job"
                        + " has not started; " + figures);
                escalations.send(jobId, "supervisor-escalation",
                        "Job " + jobId + " has not started with less than an hour"
                        + " to its SLA deadline (" + figures + ").");
            }
            case MISSED_ARRIVAL -> {
                Decision decision = ExceptionRules.recover(ExceptionRules.Family.MISSED_ARRIVAL,
                        technician == null ? null : technician.id(), deadline, options(stored), true);
                if (decision.outcome() == ExceptionRules.Outcome.REASSIGN) {
                    String rule = "rule:missed-arrival";
                    record(jobId, decision, figures, rule, AuditAction.MISSED_ARRIVAL, false);
                    try {
                        reassignment.reassign(jobId, decision.technicianId(), decision.reason(), rule,
                                decision.newEta());
                    } catch (RuntimeException e) {
                        audit.record(jobId, rule, AuditAction.REASSIGNMENT_FAILED, e.getMessage());
                        escalations.send(jobId, "missed-arrival", "Job " + jobId + ": no arrival by the ETA;"
                                + " reassigning to " + decision.technicianId() + " failed (" + e.getMessage() + ").");
                        break;
                    }
                    tx.executeWithoutResult(status -> {
                        store.closeExceptions(jobId, ExceptionRules.Family.MISSED_ARRIVAL, rule,
                                "reassigned to " + decision.technicianId());
                        kpis.record(new KpiSink.KpiFact(jobId, "exception-resolved", clock.instant(),
                                Map.of("actor", rule, "family", decision.family().name())));
                        drafts.draft(jobId, customerName(stored), Reason.REASSIGNED, decision.newEta(), now);
                    });
                } else {
                    record(jobId, decision, figures, "rule:missed-arrival", AuditAction.MISSED_ARRIVAL, false);
                    escalations.send(jobId, "missed-arrival", "Job " + jobId + ": no arrival by the ETA (" + figures
                            + "). " + capitalize(decision.reason()));
                }
            }
            case BREACHED -> {
                tx.executeWithoutResult(status -> {
                    audit.record(jobId, actor, AuditAction.SLA_BREACHED, "no arrival by the deadline " + deadline);
                    kpis.record(new KpiSink.KpiFact(jobId, "sla-breached", now, Map.of("actor", actor)));
                    drafts.draft(jobId, customerName(stored), Reason.SLA_BREACHED, assessment.expectedArrival(), now);
                });
                escalations.send(jobId, "sla-breached", "Job " + jobId + " breached its SLA: no arrival by " + deadline
                        + "; expected on site " + assessment.expectedArrival() + ".");
            }
        }
    }

    private void record(String jobId, Decision decision, String figures, String actor, AuditAction action,
            boolean resolved) {
        tx.executeWithoutResult(status -> {
            store.openException(jobId, decision, figures, actor, resolved);
            audit.record(jobId, actor, action, figures + "; " + decision.reason());
            kpis.record(new KpiSink.KpiFact(jobId, resolved ? "exception-resolved" : "exception-opened",
                    clock.instant(), Map.of("actor", actor, "family", decision.family().name())));
        });
    }

    private String customerName(JobStore.StoredJob stored) {
        return customers.find(stored.job().customerId()).map(c -> c.name()).orElse(null);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Who could take the job now, best first (a fresh ranking). */
    private List<RankedOption> options(JobStore.StoredJob stored) {
        return ranking.options(stored, customers.find(stored.job().customerId()).orElseThrow());
    }
}
