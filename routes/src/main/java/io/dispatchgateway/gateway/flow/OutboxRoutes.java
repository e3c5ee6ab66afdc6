package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.dispatch.ApprovalNotices;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.dispatch.PlanReviews;
import io.dispatchgateway.gateway.dispatch.WriteBacks;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The timers that deliver what decisions stored for other systems (the database outboxes, which survive a
 * restart): approvals that timed out and the notices the dispatchers have not had, escalations, write-backs to
 * the field-service system and KPI pushes. Any instance may run them: each entry is claimed before it is sent.
 */
@Component
public class OutboxRoutes extends RouteBuilder {

    private final ApprovalTimeouts timeouts;
    private final ApprovalNotices notices;
    private final PlanReviews planReviews;
    private final EscalationSender escalations;
    private final WriteBacks writeBacks;
    private final KpiPushes kpiPushes;

    public OutboxRoutes(ApprovalTimeouts timeouts, ApprovalNotices notices, PlanReviews planReviews,
            EscalationSender escalations, WriteBacks writeBacks, KpiPushes kpiPushes) {
        this.timeouts = timeouts;
        this.notices = notices;
        this.planReviews = planReviews;
        this.escalations = escalations;
        this.writeBacks = writeBacks;
        this.kpiPushes = kpiPushes;
    }

    @Override
    public void configure() {
        from("timer:approval-timeouts?period={{gateway.approval.check-interval:30s}}").routeId("approval-timeouts")
                .routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(timeouts, "check")
                .bean(notices, "resendUndelivered")
                .bean(planReviews, "resendUndelivered");

        from("timer:escalation-send?period=5s").routeId("escalation-send")
                .routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(escalations, "deliverDue");

        from("timer:write-back?period={{gateway.write-back.interval:10s}}").routeId("write-back-retry")
                .routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(writeBacks, "deliverDue");

        if (kpiPushes.enabled()) {
            from("timer:kpi-push?period={{gateway.kpi.push-interval:5s}}").routeId("kpi-push")
                    .routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                    .bean(kpiPushes, "deliverDue");
        }
    }
}
