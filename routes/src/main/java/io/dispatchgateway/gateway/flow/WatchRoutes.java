package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.dispatch.PlanOptimizations;
import io.dispatchgateway.gateway.live.SlaMonitor;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import io.dispatchgateway.gateway.persistence.TechnicianFixLog;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The timers that watch the work: jobs stalled between stages are sent on again, the SLA monitor runs its
 * exception rules, the plan optimizer re-plans a territory's open work, and quarantine and the technicians'
 * positions are kept no longer than their retention.
 */
@Component
public class WatchRoutes extends RouteBuilder {

    private final StalledJobRecovery recovery;
    private final SlaMonitor slaMonitor;
    private final PlanOptimizations optimizations;
    private final QuarantineStore quarantine;
    private final TechnicianFixLog fixes;

    public WatchRoutes(StalledJobRecovery recovery, SlaMonitor slaMonitor, PlanOptimizations optimizations,
            QuarantineStore quarantine, TechnicianFixLog fixes) {
        this.recovery = recovery;
        this.slaMonitor = slaMonitor;
        this.optimizations = optimizations;
        this.quarantine = quarantine;
        this.fixes = fixes;
    }

    @Override
    public void configure() {
        from("timer:job-recovery?delay={{gateway.recovery.interval:1m}}&period={{gateway.recovery.interval:1m}}")
                .routeId("job-recovery").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(recovery, "resendStalled");

        // Safe on several instances: each stage fires once per job, guarded by the sla_stage key.
        from("timer:sla-monitor?period={{gateway.operations.monitor-interval:1m}}").routeId("sla-monitor")
                .routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(slaMonitor, "check");

        // One optimization per territory at a time across instances (a lease in the database).
        from("timer:plan-optimize?delay=30s&period=30s").routeId("plan-optimize")
                .routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(optimizations, "tick");

        // Idempotent: any instance may remove what is past its keep.
        from("timer:quarantine-retention?delay=1m&period={{gateway.quarantine.purge-interval:1h}}")
                .routeId("quarantine-retention").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(quarantine, "purge");
        from("timer:position-retention?delay=2m&period=1h")
                .routeId("position-retention").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(fixes, "purge");
    }
}
