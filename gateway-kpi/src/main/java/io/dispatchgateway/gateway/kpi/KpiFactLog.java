package io.dispatchgateway.gateway.kpi;

import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.KpiPush;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.KpiOutbox;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's own KPI sink: counts every fact on the metrics registry and, when a BI push service is
 * configured, writes it to the outbox as a flat row (with the job's tenant, territory, category and priority),
 * in the caller's transaction. Measures it reads: {@code technicianId}, {@code actor}, {@code minutes}.
 */
public class KpiFactLog implements KpiSink {

    private final MeterRegistry registry;
    private final KpiOutbox outbox;
    private final JobStore jobs;
    private final CustomerDirectory customers;
    private final boolean pushing;

    public KpiFactLog(MeterRegistry registry, KpiOutbox outbox, JobStore jobs, CustomerDirectory customers,
            boolean pushing) {
        this.registry = registry;
        this.outbox = outbox;
        this.jobs = jobs;
        this.customers = customers;
        this.pushing = pushing;
    }

    @Override
    public void record(KpiFact fact) {
        registry.counter("gateway.job.facts", "fact", fact.fact()).increment();
        if (!pushing) {
            return;
        }
        JobStore.StoredJob stored = jobs.find(fact.jobId()).orElse(null);
        String territory = stored == null ? null : stored.job().territory() != null ? stored.job().territory()
                : customers.find(stored.job().customerId()).map(c -> c.territory()).orElse(null);
        Object minutes = fact.measures().get("minutes");
        outbox.add(new KpiPush.FactRow(0, fact.jobId(), fact.fact(), fact.at(),
                stored == null ? null : stored.job().tenant(), territory,
                stored == null || stored.classification() == null ? null : stored.classification().category(),
                stored == null || stored.classification() == null ? null
                        : stored.classification().priority().name(),
                text(fact.measures().get("technicianId")), text(fact.measures().get("actor")),
                minutes instanceof Number number ? number.doubleValue() : null));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
