package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A request for a human decision on a job, and the decision once made: who decided, when, which technician
 * they chose (the recommended one or another) and their comment.
 */
public record Approval(
        String id,
        String jobId,
        ApprovalStatus status,
        List<String> reasons,
        String recommendedTechnicianId,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String technicianId,
        String comment,
        String bumpsJobId) {

    public Approval {
        reasons = List.copyOf(reasons);
    }

    public static Approval pending(String id, String jobId, List<String> reasons, String recommendedTechnicianId,
            Instant requestedAt) {
        return new Approval(id, jobId, ApprovalStatus.PENDING, reasons, recommendedTechnicianId, requestedAt,
                null, null, null, null, null);
    }

    /**
     * An approval only a manager may decide: approving the recommended technician takes them off
     * {@code bumpsJobId}, a committed job that lost a priority conflict.
     */
    public static Approval bump(String id, String jobId, List<String> reasons, String technicianId,
            String bumpsJobId, Instant requestedAt) {
        return new Approval(id, jobId, ApprovalStatus.PENDING, reasons, technicianId, requestedAt, null, null, null,
                null, bumpsJobId);
    }

    /** Whether only a manager may decide it. */
    public boolean managerOnly() {
        return bumpsJobId != null;
    }

    public Approval decide(ApprovalStatus decision, String user, Instant at, String chosenTechnicianId,
            String decisionComment) {
        return new Approval(id, jobId, decision, reasons, recommendedTechnicianId, requestedAt, user, at,
                chosenTechnicianId, decisionComment, bumpsJobId);
    }
}
