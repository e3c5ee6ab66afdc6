package io.dispatchgateway.mappings.event;

/** The stage a job has just completed. */
public enum JobEventType {
    ACCEPTED, CLASSIFIED, RANKED, ASSIGNMENT_APPROVED, ASSIGNMENT_AUTOMATIC
}
