package io.dispatchgateway.core.model;

/** Job priority, most urgent first. */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    public boolean isMoreUrgentThan(Priority other) {
        return ordinal() < other.ordinal();
    }
}
