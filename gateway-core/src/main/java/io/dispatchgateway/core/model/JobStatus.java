package io.dispatchgateway.core.model;

/** Where a job is in the dispatch flow. */
public enum JobStatus {
    /** Accepted at intake, not yet classified. */
    RECEIVED,
    CLASSIFIED,
    RANKED,
    /** Waiting for a dispatcher's decision. */
    PENDING_APPROVAL,
    /** No technician passes the hard constraints: a human must act. */
    ESCALATED,
    ASSIGNED,
    /** A dispatcher rejected the recommendation; the job waits for manual handling. */
    REJECTED;

    public boolean isActive() {
        return this != REJECTED;
    }
}
