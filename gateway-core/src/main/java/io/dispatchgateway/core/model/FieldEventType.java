package io.dispatchgateway.core.model;

/** What can happen to a job in the field. */
public enum FieldEventType {
    EN_ROUTE, ARRIVED, COMPLETED, DELAYED, PART_MISSING, CANCELLED
}
