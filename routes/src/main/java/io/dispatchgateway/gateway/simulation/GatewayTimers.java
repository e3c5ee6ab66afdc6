package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.gateway.dispatch.PlanOptimizations;
import io.dispatchgateway.gateway.flow.ApprovalTimeouts;
import io.dispatchgateway.gateway.live.SlaMonitor;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Instant;

/**
 * The gateway's timed work, run on the simulation's clock instead of Camel's timers: the SLA monitor and its
 * exception rules (every {@code gateway.operations.monitor-interval}), the approval timeouts, and the plan
 * optimizer's look (which runs it every interval and after a burst, when it is on).
 */
public class GatewayTimers {

    private final SlaMonitor slaMonitor;
    private final ApprovalTimeouts approvalTimeouts;
    private final PlanOptimizations optimizations;
    private final GatewayProperties properties;
    private Instant lastWatch = Instant.MIN;

    public GatewayTimers(SlaMonitor slaMonitor, ApprovalTimeouts approvalTimeouts, PlanOptimizations optimizations,
            GatewayProperties properties) {
        this.slaMonitor = slaMonitor;
        this.approvalTimeouts = approvalTimeouts;
        this.optimizations = optimizations;
        this.properties = properties;
    }

    /** @return whether the work may have changed plans (the monitor looked, approvals moved, the optimizer is on) */
    boolean run(Instant now) {
        boolean changed = false;
        if (!now.isBefore(lastWatch.plus(properties.operations().monitorInterval()))) {
            lastWatch = now;
            slaMonitor.check();
            changed = true;
        }
        changed |= approvalTimeouts.check() > 0;
        optimizations.tick();
        return changed || properties.planning().optimize();
    }
}
