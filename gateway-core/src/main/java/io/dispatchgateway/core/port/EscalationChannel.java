package io.dispatchgateway.core.port;

/** Where escalations go when a human must act: no technician fits, an SLA is at risk, an exception opened. */
public interface EscalationChannel {

    void escalate(Escalation escalation);

    /** What needs attention, for which job, and why. */
    record Escalation(String jobId, String kind, String message) {}
}
