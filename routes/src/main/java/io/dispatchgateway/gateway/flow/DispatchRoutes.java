package io.dispatchgateway.gateway.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.gateway.dispatch.JobEvents;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.intake.IntakeOutcome;
import io.dispatchgateway.gateway.intake.JobIntakeService;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.mappings.event.JobEventType;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.springframework.stereotype.Component;

/**
 * The dispatch flow. Stages are joined by the endpoints under {@code gateway.endpoints.*} ({@code seda:}
 * in one process, {@code kafka:} topics when scaled out); each route has a stable id an admin can stop,
 * start, suspend and resume. The timers are in {@link OutboxRoutes} and {@link WatchRoutes}.
 *
 * <pre>
 * REST / job sources / {{intake}} -> intake-validate -> {{jobs}} -> job-classify -> {{classified}} -> job-rank
 *   -> {{ranked}} -> approval-gate -> (pending approval | {{assignments}}) -> job-assign
 * </pre>
 */
@Component
public class DispatchRoutes extends RouteBuilder {

    private final JobIntakeService intake;
    private final JobEvents events;
    private final ClassifyStage classify;
    private final RankStage rank;
    private final GateStage gate;
    private final AssignStage assign;
    private final QuarantineStore quarantine;
    private final JacksonDataFormat jobEvent;

    public DispatchRoutes(JobIntakeService intake, JobEvents events, ClassifyStage classify, RankStage rank,
            GateStage gate, AssignStage assign, QuarantineStore quarantine, ObjectMapper mapper) {
        // The stage messages in and out, on the application's ObjectMapper (instants as ISO-8601 text).
        this.jobEvent = new JacksonDataFormat(mapper, JobEvent.class);
        this.intake = intake;
        this.events = events;
        this.classify = classify;
        this.rank = rank;
        this.gate = gate;
        this.assign = assign;
        this.quarantine = quarantine;
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

        from("{{gateway.endpoints.intake}}").routeId("job-intake-source")
                .routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .removeHeader(IntakeGate.TENANTS)
                .setHeader(IntakeGate.CHANNEL, constant("queue"))
                .to(IntakeGate.ENDPOINT);

        from("{{gateway.endpoints.jobs}}").routeId("job-classify").routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .unmarshal(jobEvent)
                .bean(classify, "classify")
                .filter(body().isNotNull())
                    .marshal(jobEvent).convertBodyTo(String.class)
                    .to(ExchangePattern.InOnly, "{{gateway.endpoints.classified}}");

        from("{{gateway.endpoints.classified}}").routeId("job-rank").routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .unmarshal(jobEvent)
                .bean(rank, "rank")
                .filter(body().isNotNull())
                    .marshal(jobEvent).convertBodyTo(String.class)
                    .to(ExchangePattern.InOnly, "{{gateway.endpoints.ranked}}");

        from("{{gateway.endpoints.ranked}}").routeId("approval-gate")
                .routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .unmarshal(jobEvent)
                .bean(gate, "gate")
                .filter(body().isNotNull())
                    .marshal(jobEvent).convertBodyTo(String.class)
                    .to(ExchangePattern.InOnly, "{{gateway.endpoints.assignments}}");

        from("{{gateway.endpoints.assignments}}").routeId("job-assign")
                .routeConfigurationId(GatewayErrorHandling.PIPELINE)
                .unmarshal(jobEvent)
                .bean(assign, "assign");

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
