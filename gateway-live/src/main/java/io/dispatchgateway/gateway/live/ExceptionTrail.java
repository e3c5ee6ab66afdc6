package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.live.CustomerUpdateDrafts.Reason;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What an exception rule leaves behind, written the same way by every rule in the caller's transaction: the
 * exception on the job (with the data the rule decided on), its audit line, its KPI fact (opened, or resolved
 * with the time it stayed open), and the customer's update draft. A new rule records through here, so the
 * exceptions list, the audit and the KPIs know it without further changes.
 */
@Component
public class ExceptionTrail {

    private final LiveOpsStore store;
    private final AuditLog audit;
    private final KpiSink kpis;
    private final CustomerUpdateDrafts drafts;
    private final CustomerDirectory customers;
    private final Clock clock;

    public ExceptionTrail(LiveOpsStore store, AuditLog audit, KpiSink kpis, CustomerUpdateDrafts drafts,
            CustomerDirectory customers, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.kpis = kpis;
        this.drafts = drafts;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * The rule opened an exception a person (or a later rule) settles.
     *
     * @param source the data the rule decided on
     * @param action the audit line's action, or null when the caller audits the decision itself
     */
    public void opened(String jobId, Decision decision, String source, String actor, AuditAction action,
            String detail) {
        store.openException(jobId, decision, source, actor, false);
        note(jobId, actor, action, detail);
        kpis.record(new KpiSink.KpiFact(jobId, "exception-opened", clock.instant(), Map.of("actor", actor,
                "family", decision.family().name())));
    }

    /** The rule opened the exception and settled it at once (a pickup on the way, a reassignment it made). */
    public void settled(String jobId, Decision decision, String source, String actor, AuditAction action,
            String detail) {
        store.openException(jobId, decision, source, actor, true);
        note(jobId, actor, action, detail);
        kpis.record(new KpiSink.KpiFact(jobId, "exception-resolved", clock.instant(), Map.of("actor", actor,
                "family", decision.family().name(), "minutes", 0.0)));
    }

    /** The job's open exceptions of {@code family} are settled by {@code actor}. */
    public void closed(String jobId, ExceptionRules.Family family, String actor, String closing) {
        store.closeExceptions(jobId, family, actor, closing);
        kpis.record(new KpiSink.KpiFact(jobId, "exception-resolved", clock.instant(), Map.of("actor", actor,
                "family", family.name())));
    }

    /** An audit line beside the rule's decision; nothing when {@code action} is null. */
    public void note(String jobId, String actor, AuditAction action, String detail) {
        if (action != null) {
            audit.record(jobId, actor, action, detail);
        }
    }

    /** The customer's update about the change, for a dispatcher to send. */
    public void draft(StoredJob stored, Reason reason, Instant newEta, Instant changedAt) {
        drafts.draft(stored.job().tenant(), stored.job().id(), customers.find(stored.job().customerId()).map(c -> c.name()).orElse(null),
                reason, newEta, changedAt);
    }
}
