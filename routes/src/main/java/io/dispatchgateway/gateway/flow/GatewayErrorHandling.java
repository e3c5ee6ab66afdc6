package io.dispatchgateway.gateway.flow;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one error-handling configuration every route shares: redelivery with exponential back-off, then the
 * dead-letter route, which keeps the failed message instead of dropping it.
 */
@Component
public class GatewayErrorHandling extends RouteConfigurationBuilder {

    /** Where exhausted messages go. */
    public static final String DEAD_LETTER = "direct:dead-letter";

    @Override
    public void configuration() {
        routeConfiguration()
                .errorHandler(deadLetterChannel(DEAD_LETTER)
                        .useOriginalMessage()
                        .maximumRedeliveries(5)
                        .redeliveryDelay(250)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(10_000)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true));
    }
}
