package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.live.SlaWatch.Stage;
import io.dispatchgateway.core.live.SlaWatch;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.dispatch.Reassignment;
import io.dispatchgateway.gateway.live.CustomerUpdateDrafts.Reason;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What each {@link SlaWatch} stage does when it fires for a job (see {@link SlaMonitor}): a stage's rule
 * decides from a fresh ranking where it proposes or makes a reassignment, and its exception, audit line and
 * message go out the same way for every stage.
 */
@Component
public class SlaStages {

    private final Recoveries recoveries;
    private final Reassignment reassignment;
    private final EscalationSender escalations;
    private final ExceptionTrail trail;
    private final KpiSink kpis;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SlaStages(Recoveries recoveries, Reassignment reassignment, EscalationSender escalations,
            ExceptionTrail trail, KpiSink kpis, TransactionTemplate tx, Clock clock) {
        this.recoveries = recoveries;
        this.reassignment = reassignment;
        this.escalations = escalations;
        this.trail = trail;
        this.kpis = kpis;
        this.tx = tx;
        this.clock = clock;
    }

    void act(Stage stage, JobStore.StoredJob stored, Technician technician, SlaWatch.Assessment assessment,
            Instant now) {
        String jobId = stored.job().id();
        Instant deadline = stored.classification().slaDeadline();
        String actor = "rule:sla-monitor";
        String figures = String.format(Locale.ROOT, "expected on site %s, deadline %s, breach probability %.2f",
                assessment.expectedArrival(), deadline, assessment.breachProbability());
        switch (stage) {
            case BREACH_RISK -> {
                Decision decision = ExceptionRules.recover(ExceptionRules.Family.SLA_RISK,
                        technician == null ? null : technician.id(), deadline, recoveries.options(stored), false);
                opened(jobId, decision, figures, actor, AuditAction.SLA_BREACH_RISK);
                escalations.send(jobId, "sla-breach-risk",
                        "Job " + jobId + " is at risk of breaching its SLA (" + figures
                        + "). " + capitalize(decision.reason()));
            }
            case TECHNICIAN_REMINDER -> {
                trail.note(jobId, actor, AuditAction.TECHNICIAN_REMINDER, "less than 30 minutes to the deadline and "
                        + (technician == null ? "the technician" : technician.id()) + " is not en route; " + figures);
                escalations.send(jobId, "technician-reminder", "URGENT for " + (technician == null ? "the technician"
                        : technician.name() + (technician.contact() == null || technician.contact().phone() == null
                                ? "" : " (" + technician.contact().phone() + ")"))
                        + ": job " + jobId + " must be reached by " + deadline + "; report EN_ROUTE now or DELAYED"
                        + " with a new ETA.");
            }
            case SUPERVISOR_ESCALATION -> {
                trail.note(jobId, actor, AuditAction.SUPERVISOR_ESCALATION,
                        "less than an hour to the deadline and the job"
                        + " has not started; " + figures);
                escalations.send(jobId, "supervisor-escalation",
                        "Job " + jobId + " has not started with less than an hour"
                        + " to its SLA deadline (" + figures + ").");
            }
            case MISSED_ARRIVAL -> missedArrival(stored, technician, figures, now);
            case BREACHED -> {
                tx.executeWithoutResult(status -> {
                    trail.note(jobId, actor, AuditAction.SLA_BREACHED, "no arrival by the deadline " + deadline);
                    kpis.record(new KpiSink.KpiFact(jobId, "sla-breached", now, Map.of("actor", actor)));
                    trail.draft(stored, Reason.SLA_BREACHED, assessment.expectedArrival(), now);
                });
                escalations.send(jobId, "sla-breached", "Job " + jobId + " breached its SLA: no arrival by " + deadline
                        + "; expected on site " + assessment.expectedArrival() + ".");
            }
        }
    }

    /** The missed-arrival rule: reassign when another technician recovers the SLA, else escalate. */
    private void missedArrival(JobStore.StoredJob stored, Technician technician, String figures, Instant now) {
        String jobId = stored.job().id();
        String rule = "rule:missed-arrival";
        Decision decision = ExceptionRules.recover(ExceptionRules.Family.MISSED_ARRIVAL,
                technician == null ? null : technician.id(), stored.classification().slaDeadline(),
                recoveries.options(stored), true);
        opened(jobId, decision, figures, rule, AuditAction.MISSED_ARRIVAL);
        if (decision.outcome() != ExceptionRules.Outcome.REASSIGN) {
            escalations.send(jobId, "missed-arrival", "Job " + jobId + ": no arrival by the ETA (" + figures
                    + "). " + capitalize(decision.reason()));
            return;
        }
        try {
            reassignment.reassign(jobId, decision.technicianId(), decision.reason(), rule, decision.newEta());
        } catch (RuntimeException e) {
            trail.note(jobId, rule, AuditAction.REASSIGNMENT_FAILED, e.getMessage());
            escalations.send(jobId, "missed-arrival", "Job " + jobId + ": no arrival by the ETA;"
                    + " reassigning to " + decision.technicianId() + " failed (" + e.getMessage() + ").");
            return;
        }
        tx.executeWithoutResult(status -> {
            trail.closed(jobId, ExceptionRules.Family.MISSED_ARRIVAL, rule, "reassigned to " + decision.technicianId());
            trail.draft(stored, Reason.REASSIGNED, decision.newEta(), now);
        });
    }

    private void opened(String jobId, Decision decision, String figures, String actor, AuditAction action) {
        tx.executeWithoutResult(status -> trail.opened(jobId, decision, figures, actor, action,
                figures + "; " + decision.reason()));
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
