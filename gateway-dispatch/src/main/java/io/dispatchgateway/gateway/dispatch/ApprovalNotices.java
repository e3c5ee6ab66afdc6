package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends approval requests to the approval channel and keeps them until they arrive: a request whose channel
 * failed (Teams down past its retries) stays un-notified and is sent again by the approval-timeouts route, so
 * no request is dropped.
 */
@Component
public class ApprovalNotices {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalNotices.class);
    /** Longer than one delivery with the channel's retries can take. */
    private static final Duration NOTICE_LEASE = Duration.ofMinutes(2);

    private final JobStore jobs;
    private final CustomerDirectory customers;
    private final ApprovalChannel channel;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration resendAfter;

    public ApprovalNotices(JobStore jobs, CustomerDirectory customers, ApprovalChannel channel, AuditLog audit,
            Clock clock, @Value("${gateway.approval.notice-resend-after:30s}") Duration resendAfter) {
        this.resendAfter = resendAfter;
        this.jobs = jobs;
        this.customers = customers;
        this.channel = channel;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return whether the request reached its channel */
    public boolean send(Approval approval) {
        JobStore.StoredJob job = jobs.find(approval.jobId()).orElse(null);
        // Claimed, sent, then confirmed (or given back): of several senders one sends it.
        if (job == null || !jobs.claimNotice(approval.id(), NOTICE_LEASE)) {
            return false;
        }
        try {
            channel.requestApproval(new ApprovalChannel.ApprovalRequest(approval, job.job(), job.classification(),
                    customers.find(job.job().customerId()).orElseThrow(), job.recommendation()));
            jobs.markNotified(approval.id());
            return true;
        } catch (RuntimeException e) {
            jobs.releaseNotice(approval.id());
            LOG.warn("approval request {} not delivered, will resend: {}", approval.id(), e.getMessage());
            audit.record(approval.jobId(), "system:approval-notice", AuditAction.APPROVAL_NOTICE_DELAYED,
                    e.getMessage());
            return false;
        }
    }

    /** Sends again every pending request that has not reached its channel. @return how many arrived now */
    public int resendUndelivered() {
        int sent = 0;
        for (Approval approval : jobs.notNotified(clock.instant().minus(resendAfter), 20)) {
            sent += send(approval) ? 1 : 0;
        }
        return sent;
    }
}
