package io.dispatchgateway.gateway.tenancy;

import org.slf4j.MDC;

/**
 * The log context of the work on one job: {@code tenant} and {@code jobId} in the MDC, so every log line written
 * while a stage handles a job names whose it is (the log pattern prints them). The pipeline clears it when a
 * message enters a route, so a thread never carries one job's context into the next.
 */
public final class JobLogContext {

    public static final String TENANT = "tenant";
    public static final String JOB = "jobId";

    private JobLogContext() {
    }

    public static void enter(String tenant, String jobId) {
        MDC.put(TENANT, tenant);
        MDC.put(JOB, jobId);
    }

    public static void clear() {
        MDC.remove(TENANT);
        MDC.remove(JOB);
    }
}
