package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.tenancy.JobLogContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Error handling by kind of route, in one place:
 * <ul>
 *   <li>{@link #PIPELINE} (the stages of the flow): redelivery with exponential back-off, asynchronous so a
 *       retrying message does not hold its consumer thread, then the dead-letter route, which keeps the failed
 *       message instead of dropping it; a message that is not a job event goes to the dead letter at once;</li>
 *   <li>{@link #SCHEDULED} (timers and polls): no redelivery, since the next tick is the retry; a failure is a
 *       warning and the counter {@code gateway.scheduled.failures} (by route), never a quarantine entry.</li>
 * </ul>
 */
@Component
public class GatewayErrorHandling extends RouteConfigurationBuilder {

    /** Where exhausted messages go. */
    public static final String DEAD_LETTER = "direct:dead-letter";
    public static final String PIPELINE = "pipeline";
    public static final String SCHEDULED = "scheduled";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayErrorHandling.class);

    private final MeterRegistry meters;

    public GatewayErrorHandling(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition pipeline = routeConfiguration(PIPELINE);
        // Each message starts without the log context of the job a thread handled before.
        pipeline.interceptFrom().process(exchange -> JobLogContext.clear());
        // A message that is not a job event: redelivering it cannot help.
        pipeline.onException(com.fasterxml.jackson.core.JacksonException.class).maximumRedeliveries(0);
        pipeline.errorHandler(deadLetterChannel(DEAD_LETTER)
                        .useOriginalMessage()
                        .maximumRedeliveries(5)
                        .redeliveryDelay(250)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(10_000)
                        .asyncDelayedRedelivery()
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true));

        RouteConfigurationDefinition scheduled = routeConfiguration(SCHEDULED);
        scheduled.interceptFrom().process(exchange -> JobLogContext.clear());
        scheduled.onException(Exception.class).handled(true).process(this::scheduledFailed).end();
    }

    private void scheduledFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = exchange.getFromRouteId();
        meters.counter("gateway.scheduled.failures", "route", String.valueOf(route)).increment();
        LOG.warn("{} failed ({}); the next run tries again", route, cause == null ? "unknown" : cause.toString());
    }
}
