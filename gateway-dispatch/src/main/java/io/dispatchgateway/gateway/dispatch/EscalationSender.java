package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.core.port.EscalationChannel;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.EscalationOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalations through an outbox: {@link #send} writes the escalation in the caller's transaction (the decision
 * and its escalation are stored together) and it goes to the escalation channel once that commits; a channel
 * that fails leaves it queued, tried again with back-off by route {@code escalation-send}, and audited. The
 * exception the escalation is about stays listed at {@code GET /api/v1/exceptions} meanwhile.
 */
@Component
public class EscalationSender {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationSender.class);
    private static final int BATCH = 50;

    private final EscalationChannel channel;
    private final AuditLog audit;
    private final EscalationOutbox outbox;
    private final TransactionTemplate outsideTransaction;
    private final JobStore jobs;

    public EscalationSender(EscalationChannel channel, AuditLog audit, EscalationOutbox outbox,
            PlatformTransactionManager transactions, JobStore jobs) {
        this.jobs = jobs;
        this.channel = channel;
        this.audit = audit;
        this.outbox = outbox;
        // After the decision's commit its connection is still bound: the sending runs outside any transaction,
        // each claim and mark committed at once, as from route escalation-send.
        this.outsideTransaction = new TransactionTemplate(transactions);
        this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    public void send(String jobId, String kind, String message) {
        outbox.enqueue(jobId, kind, message);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    outsideTransaction.executeWithoutResult(status -> deliverDue());
                }
            });
        } else {
            deliverDue();
        }
    }

    /** Sends every due escalation this instance can claim. @return how many reached the channel */
    public int deliverDue() {
        int sent = 0;
        for (EscalationOutbox.Entry entry : outbox.claimDue(BATCH)) {
            try {
                // The job's tenant, so a channel set per tenant gets only its own tenant's escalations.
                var job = entry.jobId() == null ? null : jobs.find(entry.jobId()).orElse(null);
                channel.escalate(new EscalationChannel.Escalation(entry.jobId(), entry.kind(), entry.message(),
                        job == null ? null : job.job().tenant(),
                        job == null || job.assignment() == null ? null : job.assignment().technicianId()));
                outbox.sent(entry.id());
                sent++;
            } catch (RuntimeException e) {
                outbox.failed(entry, e.getMessage());
                LOG.warn("escalation {} of job {} not sent, will retry: {}", entry.kind(), entry.jobId(),
                        e.getMessage());
                if (entry.attempts() == 0) {
                    audit.record(entry.jobId(), "system:escalation", AuditAction.ESCALATION_NOT_SENT,
                            entry.kind() + ": "
                            + e.getMessage() + "; it is tried again, and stays in GET /api/v1/exceptions");
                }
            }
        }
        return sent;
    }
}
