package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import io.dispatchgateway.gateway.persistence.ProposalStore.MoveStatus;
import io.dispatchgateway.gateway.persistence.ProposalStore.StoredMove;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces plan proposals whose moves wait for a dispatcher on the approval channel (a Teams card that opens the
 * proposal page), with the plans those moves change before and after. Claimed, sent, then marked: of several
 * senders one sends it, and one that failed is sent again by route {@code approval-timeouts}.
 */
@Component
public class PlanReviews {

    private static final Logger LOG = LoggerFactory.getLogger(PlanReviews.class);
    /** Longer than one delivery with the channel's retries can take. */
    private static final Duration NOTICE_LEASE = Duration.ofMinutes(2);
    private static final Duration RESEND_AFTER = Duration.ofSeconds(30);

    private final ProposalStore proposals;
    private final JobStore jobs;
    private final ApprovalChannel channel;
    private final AuditLog audit;
    private final Clock clock;

    public PlanReviews(ProposalStore proposals, JobStore jobs, ApprovalChannel channel, AuditLog audit, Clock clock) {
        this.proposals = proposals;
        this.jobs = jobs;
        this.channel = channel;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return whether the review reached its channel now */
    public boolean send(String proposalId) {
        ProposalStore.Proposal proposal = proposals.find(proposalId).orElse(null);
        if (proposal == null) {
            return false;
        }
        ApprovalChannel.PlanReview review = reviewOf(proposal);
        if (review.moves().isEmpty() || !proposals.claimNotice(proposalId, NOTICE_LEASE)) {
            return false;
        }
        try {
            channel.requestPlanReview(review);
            proposals.markNotified(proposalId);
            return true;
        } catch (RuntimeException e) {
            proposals.releaseNotice(proposalId);
            LOG.warn("plan proposal {} not announced, will resend: {}", proposalId, e.getMessage());
            review.moves().forEach(move -> audit.record(move.jobId(), "system:approval-notice",
                    AuditAction.PLAN_REVIEW_DELAYED, "proposal " + proposalId + ": " + e.getMessage()));
            return false;
        }
    }

    /** Sends every open proposal with waiting moves that has not reached the channel. @return how many did now */
    public int resendUndelivered() {
        int sent = 0;
        for (String id : proposals.notNotified(clock.instant().minus(RESEND_AFTER), 20)) {
            sent += send(id) ? 1 : 0;
        }
        return sent;
    }

    /**
     * The proposal's waiting moves (with each job's summary) and the plans they change, as they stood and as
     * proposed: what the channel's card and the proposal page show.
     */
    public ApprovalChannel.PlanReview reviewOf(ProposalStore.Proposal proposal) {
        List<ApprovalChannel.ReviewedMove> moves = new ArrayList<>();
        Set<String> affected = new LinkedHashSet<>();
        for (StoredMove stored : proposal.moves()) {
            if (!stored.gated() || stored.status() != MoveStatus.PENDING) {
                continue;
            }
            var move = stored.move();
            String summary = jobs.find(move.jobId()).map(job -> job.job().summary()).orElse(null);
            moves.add(new ApprovalChannel.ReviewedMove(move.jobId(), summary, move.fromTechnicianId(),
                    move.toTechnicianId(), move.arrivalBefore(), move.arrivalAfter(), stored.gate(), move.reason()));
            affected.add(move.fromTechnicianId());
            affected.add(move.toTechnicianId());
        }
        Map<String, List<String>> before = new LinkedHashMap<>();
        Map<String, List<String>> after = new LinkedHashMap<>();
        Map<String, List<String>> was = proposal.body().plansBefore() == null ? Map.of()
                : proposal.body().plansBefore();
        for (String technician : affected) {
            before.put(technician, was.getOrDefault(technician, List.of()));
            after.put(technician, proposal.body().plans().getOrDefault(technician, List.of()));
        }
        return new ApprovalChannel.PlanReview(proposal.id(), proposal.territory(), proposal.requestedBy(), moves,
                before, after, proposal.body().before().objectives(), proposal.body().after().objectives(),
                proposals.tenantsOf(proposal.id()).orElse(List.of()));
    }
}
