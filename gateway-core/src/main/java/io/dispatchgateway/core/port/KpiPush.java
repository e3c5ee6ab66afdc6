package io.dispatchgateway.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers KPI fact rows to a BI service in batches (a Power BI push dataset). The gateway keeps the rows in a
 * persistent outbox and hands them over at most {@link #maxRowsPerBatch()} at a time and at most
 * {@link #maxBatchesInFlight()} batches at once; a row leaves the outbox only when its batch was accepted.
 */
public interface KpiPush {

    /** Largest batch {@link #push} accepts. */
    int maxRowsPerBatch();

    /** Most batches that may be on their way at the same time. */
    int maxBatchesInFlight();

    /**
     * Delivers one batch, or throws {@link KpiPushException} and the batch stays in the outbox.
     *
     * @param rows at most {@link #maxRowsPerBatch()} rows
     */
    void push(List<FactRow> rows);

    /**
     * One fact of a job's life as a flat row. {@code rowId} is unique and stable across retries, so a report
     * can count each row once even if a batch had to be sent twice.
     *
     * @param minutes the fact's duration measure (assignment time, delay, travel), when it has one
     */
    record FactRow(long rowId, String jobId, String fact, Instant at, String tenant, String territory,
            String category, String priority, String technicianId, String actor, Double minutes) {}

    /**
     * A batch was not delivered.
     *
     * @param retryAfter when the service said when to come back (HTTP 429 Retry-After, or its own request
     *     budget); null to use the outbox's back-off
     * @param refused the service refused these rows for good (a 400): retrying would not help
     */
    class KpiPushException extends RuntimeException {

        private final Duration retryAfter;
        private final boolean refused;

        public KpiPushException(String message, Duration retryAfter, boolean refused) {
            super(message);
            this.retryAfter = retryAfter;
            this.refused = refused;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        public boolean refused() {
            return refused;
        }
    }
}
