package io.dispatchgateway.core.model;

/** Where a job is in the dispatch flow and, once assigned, in the field. */
public enum JobStatus {
    /** Accepted at intake, not yet classified. */
    RECEIVED,
    CLASSIFIED,
    RANKED,
    /** Waiting for a dispatcher's (or, for a priority conflict, a manager's) decision. */
    PENDING_APPROVAL,
    /** No technician passes the hard constraints: a human must act. */
    ESCALATED,
    ASSIGNED,
    /** The technician reported leaving for the site. */
    EN_ROUTE,
    /** The technician reported arriving on site. */
    ON_SITE,
    /** Waiting for a part or another condition, with a new commitment. */
    PAUSED,
    COMPLETED,
    CANCELLED,
    /** A dispatcher rejected the recommendation; the job waits for manual handling. */
    REJECTED;

    public boolean isActive() {
        return this != REJECTED && this != COMPLETED && this != CANCELLED;
    }

    /** Assigned to a technician who has not finished it yet. */
    public boolean isInTheField() {
        return this == ASSIGNED || this == EN_ROUTE || this == ON_SITE || this == PAUSED;
    }
}
