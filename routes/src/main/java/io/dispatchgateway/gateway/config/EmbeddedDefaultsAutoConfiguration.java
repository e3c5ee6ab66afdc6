package io.dispatchgateway.gateway.config;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.core.port.AssignmentSink;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import io.dispatchgateway.gateway.live.TemplatedCustomerUpdates;
import io.dispatchgateway.core.port.EscalationChannel;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.JobSource;
import io.dispatchgateway.core.port.KpiPush;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.gateway.kpi.KpiFactLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.KpiOutbox;
import org.springframework.beans.factory.ObjectProvider;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.PackDelivery;
import io.dispatchgateway.core.port.SyncCursorStore;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.StraightLineTravelTimes;
import io.dispatchgateway.gateway.source.InboxJobSource;
import io.dispatchgateway.gateway.persistence.JdbcCustomerDirectory;
import io.dispatchgateway.gateway.persistence.JdbcInventoryLookup;
import io.dispatchgateway.gateway.persistence.JdbcSyncCursorStore;
import io.dispatchgateway.gateway.persistence.JdbcTechnicianDirectory;
import io.dispatchgateway.gateway.persistence.TechnicianFixLog;
import io.dispatchgateway.gateway.persistence.JsonCodec;
import io.dispatchgateway.gateway.persistence.Savepoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded default of every port, so the gateway runs with nothing external. Ordered after every other
 * auto-configuration: an adapter on the classpath, or a bean of the user's, replaces a default by
 * providing the port.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
public class EmbeddedDefaultsAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger("io.dispatchgateway.embedded");

    /** The system clock; tests replace it to fix the time of day. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** JSON files dropped in {@code <data-dir>/inbox}; kept beside any adapter's job source. */
    @Bean
    @ConditionalOnMissingBean(name = "inboxJobSource")
    JobSource inboxJobSource(GatewayProperties properties) {
        return new InboxJobSource(properties.dataDir(), properties.intake().inboxPollInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    TechnicianDirectory technicianDirectory(JdbcClient jdbc, JsonCodec json, Clock clock, Savepoint savepoint,
            TechnicianFixLog fixes) {
        return new JdbcTechnicianDirectory(jdbc, json, clock, savepoint, fixes);
    }

    @Bean
    @ConditionalOnMissingBean
    CustomerDirectory customerDirectory(JdbcClient jdbc, JsonCodec json, Clock clock, Savepoint savepoint) {
        return new JdbcCustomerDirectory(jdbc, json, clock, savepoint);
    }

    @Bean
    @ConditionalOnMissingBean
    InventoryLookup inventoryLookup(JdbcClient jdbc, JsonCodec json, Clock clock, Savepoint savepoint) {
        return new JdbcInventoryLookup(jdbc, json, clock, savepoint);
    }

    /** Used when the maps adapter is switched off: the straight-line estimate at 1.3 circuity and 40 km/h. */
    @Bean
    @ConditionalOnMissingBean
    OfflineTravelTimes offlineTravelTimes() {
        return new StraightLineTravelTimes(1.3, 40);
    }

    /** The built-in inbox: pending approvals are listed by {@code GET /api/v1/approvals?status=PENDING}. */
    @Bean
    @ConditionalOnMissingBean
    ApprovalChannel approvalChannel() {
        return request -> LOG.info("approval {} for job {} waits in the built-in inbox: {}", request.approval().id(),
                request.job().id(), request.approval().reasons());
    }

    /** Escalations go to the log until a channel such as Teams is configured (the flow audits them). */
    @Bean
    @ConditionalOnMissingBean
    EscalationChannel escalationChannel() {
        return escalation -> LOG.warn("escalation {} for job {}: {}", escalation.kind(), escalation.jobId(),
                escalation.message());
    }

    /** Without a field-service system the assignment lives in the gateway only. */
    @Bean
    @ConditionalOnMissingBean
    AssignmentSink assignmentSink() {
        return new AssignmentSink() {
            @Override
            public void assigned(Job job, Assignment assignment, DispatchPack pack) {
                LOG.info("job {} assigned to {} ({})", assignment.jobId(), assignment.technicianId(),
                        assignment.mode());
            }
        };
    }

    /** Cursors of incremental sources, in the gateway's database. */
    @Bean
    @ConditionalOnMissingBean
    SyncCursorStore syncCursorStore(JdbcClient jdbc, Clock clock) {
        return new JdbcSyncCursorStore(jdbc, clock);
    }

    /** The pack is stored with the job and read back through the API. */
    @Bean
    @ConditionalOnMissingBean
    PackDelivery packDelivery() {
        return new PackDelivery() {
            @Override
            public void deliver(DispatchPack pack) {
                LOG.info("dispatch pack for job {} ready for {}", pack.jobId(), pack.technicianId());
            }
        };
    }

    /**
     * KPI facts counted in Micrometer (visible on {@code /actuator/prometheus}) and, when a push service such as
     * Power BI is configured, written to the KPI outbox.
     */
    @Bean
    @ConditionalOnMissingBean
    KpiSink kpiSink(MeterRegistry registry, KpiOutbox outbox, JobStore jobs, CustomerDirectory customers,
            ObjectProvider<KpiPush> push) {
        return new KpiFactLog(registry, outbox, jobs, customers, push.getIfAvailable() != null);
    }

    /** Customer updates from templates; a language-model drafter can replace it. */
    @Bean
    @ConditionalOnMissingBean
    CustomerUpdateDrafter customerUpdateDrafter() {
        return new TemplatedCustomerUpdates();
    }
}
