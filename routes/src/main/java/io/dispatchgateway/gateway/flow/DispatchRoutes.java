package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.dispatch.ApprovalNotices;
import io.dispatchgateway.gateway.dispatch.PlanOptimizations;
import io.dispatchgateway.gateway.dispatch.PlanReviews;
import io.dispatchgateway.gateway.dispatch.WriteBacks;
import io.dispatchgateway.gateway.dispatch.JobEvents;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.intake.IntakeOutcome;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.live.SlaMonitor;
import io.dispatchgateway.gateway.intake.JobIntakeService;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import io.dispatchgateway.mappings.event.JobEventType;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The dispatch flow. Stages are joined by the endpoints under {@code gateway.endpoints.*} ({@code seda:}
 * in one process, {@code kafka:} topics when scaled out); each route has a stable id an admin can stop,
 * start, suspend and resume.
 *
 * <pre>
 * REST / job sources / {{intake}} -> intake-validate -> {{jobs}} -> job-classify -> {{classified}} -> job-rank
 *   -> {{ranked}} -> approval-gate -> (pending approval | {{assignments}}) -> job-assign
 * </pre>
 */
@Component
public class DispatchRoutes extends RouteBuilder {

    private final JobIntakeService intake;
    private final DispatchStages stages;
    private final QuarantineStore quarantine;
    private final JobEvents events;
    private final StalledJobRecovery recovery;
    private final WriteBacks writeBacks;
    private final ApprovalTimeouts timeouts;
    private final ApprovalNotices notices;
    private final PlanReviews planReviews;
    private final KpiPushes kpiPushes;
    private final SlaMonitor slaMonitor;
    private final PlanOptimizations optimizations;
    private final EscalationSender escalations;

    public DispatchRoutes(JobIntakeService intake, DispatchStages stages, QuarantineStore quarantine,
            JobEvents events, StalledJobRecovery recovery, WriteBacks writeBacks,
            ApprovalTimeouts timeouts, ApprovalNotices notices, PlanReviews planReviews, KpiPushes kpiPushes,
            SlaMonitor slaMonitor, PlanOptimizations optimizations, EscalationSender escalations) {
        this.escalations = escalations;
        this.optimizations = optimizations;
        this.slaMonitor = slaMonitor;
        this.kpiPushes = kpiPushes;
        this.timeouts = timeouts;
        this.notices = notices;
        this.planReviews = planReviews;
        this.writeBacks = writeBacks;
        this.intake = intake;
        this.stages = stages;
        this.quarantine = quarantine;
        this.events = events;
        this.recovery = recovery;
    }

    @Override
    public void configure() {
        // Called synchronously by the API: a store failure goes back to the caller (503) instead of a retry loop.
        from(IntakeGate.ENDPOINT).routeId("intake-validate")
                .errorHandler(noErrorHandler())
                .process(exchange -> {
                    String channel = exchange.getMessage().getHeader(IntakeGate.CHANNEL, "api", String.class);
                    String actor = exchange.getMessage()
                            .getHeader(IntakeGate.ACTOR, "source:" + channel, String.class);
                    // Only the API sets the caller's tenants (an object, never a header from a broker or a file).
                    Object tenants = exchange.getMessage().getHeader(IntakeGate.TENANTS);
                    exchange.getMessage().setBody(intake.accept(exchange.getMessage().getBody(String.class), channel,
                            actor, tenants instanceof TenantScope scope ? scope : TenantScope.ALL));
                })
                .filter(simple("${body.created}"))
                    .setProperty("intakeOutcome", body())
                    .process(exchange -> {
                        String jobId = exchange.getMessage().getBody(IntakeOutcome.class).jobId();
                        exchange.getMessage().setHeader(JobEvents.KEY, jobId);
                        exchange.getMessage().setBody(events.next(jobId, JobEventType.ACCEPTED, "rule:intake"));
                    })
                    .to(ExchangePattern.InOnly, "{{gateway.endpoints.jobs}}")
                    .setBody(exchangeProperty("intakeOutcome"))
                .end();

        from("{{gateway.endpoints.intake}}").routeId("job-intake-source").routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .removeHeader(IntakeGate.TENANTS)
                .setHeader(IntakeGate.CHANNEL, constant("queue"))
                .to(IntakeGate.ENDPOINT);

        from("{{gateway.endpoints.jobs}}").routeId("job-classify").routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .bean(stages, "classify")
                .filter(body().isNotNull())
                    .to(ExchangePattern.InOnly, "{{gateway.endpoints.classified}}");

        from("{{gateway.endpoints.classified}}").routeId("job-rank").routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .bean(stages, "rank")
                .filter(body().isNotNull())
                    .to(ExchangePattern.InOnly, "{{gateway.endpoints.ranked}}");

        from("{{gateway.endpoints.ranked}}").routeId("approval-gate").routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .bean(stages, "gate")
                .filter(body().isNotNull())
                    .to(ExchangePattern.InOnly, "{{gateway.endpoints.assignments}}");

        from("{{gateway.endpoints.assignments}}").routeId("job-assign").routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .bean(stages, "assign");

        from("timer:job-recovery?delay={{gateway.recovery.interval:1m}}&period={{gateway.recovery.interval:1m}}")
                .routeId("job-recovery").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(recovery, "resendStalled");

        from("timer:approval-timeouts?period={{gateway.approval.check-interval:30s}}").routeId("approval-timeouts").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(timeouts, "check")
                .bean(notices, "resendUndelivered")
                .bean(planReviews, "resendUndelivered");

        // Idempotent: any instance may remove what is past its keep.
        from("timer:quarantine-retention?delay=1m&period={{gateway.quarantine.purge-interval:1h}}")
                .routeId("quarantine-retention").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(quarantine, "purge");

        from("timer:escalation-send?period=5s").routeId("escalation-send")
                .routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(escalations, "deliverDue");

        from("timer:write-back?period={{gateway.write-back.interval:10s}}").routeId("write-back-retry").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(writeBacks, "deliverDue");

        // One optimization per territory at a time across instances (a lease in the database).
        from("timer:plan-optimize?delay=30s&period=30s").routeId("plan-optimize").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(optimizations, "tick");

        // Safe on several instances: each stage fires once per job, guarded by the sla_stage key.
        from("timer:sla-monitor?period={{gateway.operations.monitor-interval:1m}}").routeId("sla-monitor").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                .bean(slaMonitor, "check");

        if (kpiPushes.enabled()) {
            from("timer:kpi-push?period={{gateway.kpi.push-interval:5s}}").routeId("kpi-push").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                    .bean(kpiPushes, "deliverDue");
        }

        from(GatewayErrorHandling.DEAD_LETTER).routeId("dead-letter")
                .errorHandler(noErrorHandler())
                .process(exchange -> {
                    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    String from = exchange.getFromRouteId();
                    quarantine.quarantine("route:" + from, "dead-letter",
                            List.of(new FieldProblem("$", cause == null ? "delivery failed"
                                    : cause.getClass().getSimpleName() + ": " + cause.getMessage())),
                            exchange.getMessage().getBody(String.class));
                });
    }
}
