package io.dispatchgateway.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the Dispatch Gateway. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatchGatewayApplication.class, args);
    }
}
