package io.dispatchgateway.gateway.intake;

import io.dispatchgateway.core.model.TenantScope;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The one way into the flow for the REST API and every job source: the payload is handed to the intake route,
 * which validates and stores it (or quarantines it) before this call answers with the {@link IntakeOutcome}.
 */
@Component
public class IntakeGate {

    /** The synchronous entry of intake, the route {@code intake-validate}. */
    public static final String ENDPOINT = "direct:intake-validate";
    /** Header naming the channel a payload arrived on. */
    public static final String CHANNEL = "gatewayChannel";
    /** Header naming who submitted a payload. */
    public static final String ACTOR = "gatewayActor";
    /** Header holding the {@link TenantScope} of the API caller who submitted a payload. */
    public static final String TENANTS = "gatewayTenants";

    private final ProducerTemplate producer;

    public IntakeGate(ProducerTemplate producer) {
        this.producer = producer;
    }

    /**
     * @param tenants the tenants the caller may post for; {@code null} for a job source, whose jobs carry the
     *     tenant the source was configured with
     */
    public IntakeOutcome submit(String payload, String channel, String actor, TenantScope tenants) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(CHANNEL, channel);
        headers.put(ACTOR, actor);
        if (tenants != null) {
            headers.put(TENANTS, tenants);
        }
        return producer.requestBodyAndHeaders(ENDPOINT, payload, headers, IntakeOutcome.class);
    }
}
