package io.dispatchgateway.core.port;

import java.time.Instant;
import java.util.Map;

/** Receives KPI facts as they happen (a BI push dataset, a metrics registry). */
public interface KpiSink {

    void record(KpiFact fact);

    /** One fact in a job's life: a named event at a time, with its measures. */
    record KpiFact(String jobId, String fact, Instant at, Map<String, Object> measures) {

        public KpiFact {
            measures = Map.copyOf(measures);
        }
    }
}
