package io.dispatchgateway.core.model;

/** State of an approval request. */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED
}
