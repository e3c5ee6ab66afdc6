package io.dispatchgateway.gateway.source;

import io.dispatchgateway.core.port.JobSource;
import io.dispatchgateway.gateway.flow.GatewayErrorHandling;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** One polling route per job source, named after it: {@code inbox-job-source}, {@code servicetitan-job-source}, ... */
@Component
public class JobSourceRoutes extends RouteBuilder {

    private final JobSourcePoller sources;

    public JobSourceRoutes(JobSourcePoller sources) {
        this.sources = sources;
    }

    @Override
    public void configure() {
        for (JobSource source : sources.sources()) {
            from("timer:" + source.name() + "-job-source?period=" + source.pollInterval().toMillis())
                    .routeId(source.name() + "-job-source").routeConfigurationId(GatewayErrorHandling.SCHEDULED)
                    .process(exchange -> sources.poll(source));
        }
    }
}
