package io.dispatchgateway.core.port;

/** Where escalations go when a human must act: no technician fits, an SLA is at risk, an exception opened. */
public interface EscalationChannel {

    void escalate(Escalation escalation);

    /**
     * What needs attention, for which job, and why; {@code tenant} is the job's tenant (a channel may be set per
     * tenant) and {@code technicianId} its assigned technician (a reminder may go to them), null when not known.
     */
    record Escalation(String jobId, String kind, String message, String tenant, String technicianId) {

        /** An escalation whose tenant and technician are not known. */
        public Escalation(String jobId, String kind, String message) {
            this(jobId, kind, message, null, null);
        }

        /** An escalation whose technician is not known. */
        public Escalation(String jobId, String kind, String message, String tenant) {
            this(jobId, kind, message, tenant, null);
        }
    }
}
