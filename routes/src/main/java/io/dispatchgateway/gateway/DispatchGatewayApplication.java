package io.dispatchgateway.gateway;

import io.dispatchgateway.gateway.simulation.Simulate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the Dispatch Gateway. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchGatewayApplication {

    /** Starts the gateway; {@code simulate ...} runs a simulation instead (see {@code Simulate}). */
    public static void main(String[] args) {
        if (args.length > 0 && "simulate".equals(args[0])) {
            Simulate.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(DispatchGatewayApplication.class, args);
    }
}
