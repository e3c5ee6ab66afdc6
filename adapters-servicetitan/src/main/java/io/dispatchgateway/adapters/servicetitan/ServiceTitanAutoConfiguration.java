package io.dispatchgateway.adapters.servicetitan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dispatchgateway.core.port.AssignmentSink;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.JobSource;
import io.dispatchgateway.core.port.SyncCursorStore;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import io.dispatchgateway.mappings.convert.TimeConverters;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Switches the ServiceTitan adapter on with {@code gateway.adapters.servicetitan.enabled=true}: a job source
 * (customers and jobs, polled incrementally) and the assignment write-back. It needs credentials, so it is off
 * until configured; once on, missing settings stop the start-up with the property's name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.adapters.servicetitan", name = "enabled")
@EnableConfigurationProperties(ServiceTitanProperties.class)
@Import({ServiceTitanMapperImpl.class, TimeConverters.class})
public class ServiceTitanAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceTitanClient serviceTitanClient(ServiceTitanProperties properties, ObjectProvider<Clock> clock) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new ServiceTitanClient(properties, mapper, http, duration -> Thread.sleep(duration.toMillis()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(name = "serviceTitanJobSource")
    ServiceTitanJobSource serviceTitanJobSource(ServiceTitanClient client, ServiceTitanMapper mapper,
            SyncCursorStore cursors, CustomerDirectory customers, TechnicianDirectory technicians,
            ServiceTitanProperties properties, ObjectProvider<Clock> clock, Environment environment) {
        // Intake payloads in the contract's own form: instants and durations as ISO-8601 text.
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        // Shift times are local times of the gateway's operating zone.
        ZoneId zone = ZoneId.of(environment.getProperty("gateway.zone", "UTC"));
        return new ServiceTitanJobSource(client, mapper, json, cursors, customers, technicians, properties,
                clock.getIfAvailable(Clock::systemUTC), zone);
    }

    @Bean
    @ConditionalOnMissingBean
    AssignmentSink serviceTitanAssignmentSink(ServiceTitanClient client, ServiceTitanProperties properties) {
        return new ServiceTitanAssignmentSink(client, properties);
    }

    @Bean
    @ConditionalOnMissingBean(name = "servicetitanAdapterDescriptor")
    AdapterDescriptor servicetitanAdapterDescriptor(ServiceTitanProperties properties) {
        return new AdapterDescriptor("servicetitan", "ServiceTitan at " + properties.baseUrl(),
                List.of(JobSource.class.getSimpleName(), CustomerDirectory.class.getSimpleName() + " (writes)",
                        TechnicianDirectory.class.getSimpleName() + " (writes)",
                        AssignmentSink.class.getSimpleName()));
    }

    /** Health: a token can be obtained, the breaker is closed, ingestion has not stalled (see ServiceTitanHealth). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health4ServiceTitan {

        @Bean
        @ConditionalOnMissingBean(name = "serviceTitanHealthIndicator")
        HealthIndicator serviceTitanHealthIndicator(ServiceTitanClient client, ServiceTitanJobSource source,
                ServiceTitanProperties properties, ObjectProvider<Clock> clock) {
            return new ServiceTitanHealth(client, source, properties.pollInterval(),
                    clock.getIfAvailable(Clock::systemUTC));
        }
    }
}
